"""HTML to PDF through WeasyPrint: PDF/UA-1, bundled fonts, a locked-down URL fetcher, a time limit."""
