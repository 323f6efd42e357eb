"""The shipped word lists of the linguistic layer, by language (English, German, Spanish and Arabic).

Small on purpose: the classes a shape asks about (who a noun is, negators, modals, the auxiliary
forms around them), and the irregular forms the suffix rules of `lemmas` cannot reach. A word
missing here is read as an ordinary word: the layer then says less, never something false.
"""

from __future__ import annotations

from typing import Final, NamedTuple

from lessonkit.check.linguistic.arabic import EXPERIENCER as _AR_EXPERIENCER
from lessonkit.check.linguistic.arabic import NEGATORS as _AR_NEGATORS

# The classes of a noun phrase, as shapes name them (`subject: you|child`, `mentions: family`).
WHO: Final = ("you", "child", "person", "offender", "family", "school", "future", "everyone", "nobody", "speaker")


class Lexicon(NamedTuple):
    """One language's word lists (all lower case).

    A named tuple, not a dataclass: the class is made at every start-up, and a dataclass's
    generated methods cost several times as much to make.
    """

    who: dict[str, str]  # a word that names who someone is -> its class
    negators: frozenset[str]
    future: frozenset[str]  # "will", "'ll", "going" (to): what is said will happen
    possible: frozenset[str]  # "could", "might", "can": what may happen
    hindsight: frozenset[str]  # "should", "ought", "must", "could", "would": with a perfect, hindsight
    perfect: frozenset[str]  # forms of "have" that make a perfect
    conditional: frozenset[str]  # "if", "wenn": opens a condition
    openers: frozenset[str]  # words that open a new clause ("but", "because", "weil")
    skip: frozenset[str]  # words before a subject that are not one ("honestly", "only", "just")
    irregular: dict[str, str]  # irregular form -> lemma
    meta: frozenset[str]  # words that make a sentence talk about language ("avoid", "myth")
    reporting: frozenset[str]  # verbs of saying: an offender or a person as their subject reports speech
    # Words that may follow a predicative label in this language ("tan ingenua que", "tonto para"), read
    # as well as the shared English and German ones; empty for the languages written before it existed.
    after_label: frozenset[str] = frozenset()
    # Unstressed object pronouns ("te", "lo"): never a subject, though "te" names the child.
    clitics: frozenset[str] = frozenset()
    # The subject pronoun may be dropped (Spanish, Arabic): a clause's subject may be read from its verb's
    # person ("aceptaste": you) with no word of `who` in the sentence, so a pre-filter on `who` words misses it.
    pro_drop: bool = False
    # Verbs of telling: they report speech only when an offender tells ("groomers tell children that
    # ..."); a parent who "told you not to" is a reproach, so they are not in `reporting`.
    telling: frozenset[str] = frozenset()
    # Separable verbs of telling (German "Erpresser reden Jugendlichen ein, dass ..."): a finite form and the
    # particle that then ends the clause, as (form, particle). The form alone is no telling ("mit dir reden").
    telling_apart: frozenset[tuple[str, str]] = frozenset()
    # "(they) want you to believe ...": what someone wants the child to believe is reported as their aim.
    intending: frozenset[str] = frozenset()
    believing: frozenset[str] = frozenset()
    # "Your child may feel they will never escape": a child's fear, reported about them to an adult. Only with a
    # child as subject: "everyone will think you are stupid" is others' judgement, not a feeling reported.
    feeling: frozenset[str] = frozenset()
    # Words by which the writer agrees with what was reported ("..., and that is true", "..., und das stimmt"):
    # such a sentence is the writer's own claim, judged like any other. Followed by a negator, they refute it.
    confirming: tuple[tuple[str, ...], ...] = ()
    # Every noun is written with a capital (German): a label before a lower-case word cannot modify a noun.
    capital_nouns: bool = False
    # Words before an adjective made a noun that names a thing ("etwas Blödes", "nichts Dummes").
    things: frozenset[str] = frozenset()
    # Conjunctions that open a clause said of the one before ("dass"): a negator there governs them too.
    complements: frozenset[str] = frozenset()
    # Object pronouns that name the child ("dir", "dich"): a subject named after them is the clause's ("Wenn dir
    # jemand sagt, ..."); only when none is, they stand for it ("Dir hätte das klar sein müssen").
    objects: frozenset[str] = frozenset()
    # Words that open a relative clause on the subject ("que", "quien"): `clauses._reported` looks past it.
    relatives: frozenset[str] = frozenset()
    # Verbs that name the one who does them an offender ("whoever is blackmailing you", "la persona que te extorsiona"):
    # a subject they follow closely tells the child what an offender will say, as "the blackmailer" does.
    offending: frozenset[str] = frozenset()
    # Verb forms that put their clause in reported speech (German Konjunktiv I "sei", "seien"): that clause is someone's
    # words ("..., das Mädchen sei selbst schuld; das stimmt nicht"), the sentence's other clauses are the writer's
    # ("Auch wenn du das Gefühl hast, es sei zu spät, trägst du einen Teil der Schuld").
    reported_mood: frozenset[str] = frozenset()


def _who(**classes: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for name, words in classes.items():
        for word in words.split():
            table[word] = name
    return table


def _irregular(table: str) -> dict[str, str]:
    """'lemma: form form, lemma: form' -> {form: lemma}."""
    forms: dict[str, str] = {}
    for entry in table.split(","):
        lemma, _, written = entry.partition(":")
        for form in written.split():
            forms[form] = lemma.strip()
    return forms


EN: Final = Lexicon(
    who=_who(
        you="you yourself yourselves u ya",
        child="child children kid kids girl girls boy boys pupil pupils student students teen teens teenager "
        "teenagers victim victims son daughter youngster youngsters minor minors",
        person="he she they someone somebody person",
        offender="offender offenders predator predators abuser abusers groomer groomers stranger strangers "
        "scammer scammers blackmailer blackmailers criminal criminals man men gang gangs adult adults",
        family="parent parents mum mom mummy mommy dad daddy mother father family families grandma granny grandpa "
        "grandmother grandfather "
        "grandparents nan nana gran brother sister siblings relatives aunt uncle auntie cousins",
        school="teacher teachers school class classmates classmate friends headteacher head principal coach team "
        "teammates peers church mosque community neighbours neighbors staff captain club congregation parish squad "
        "town village",
        future="employer employers university universities college colleges boss job jobs future career",
        everyone="everyone everybody anyone anybody people world internet whoever",
        nobody="nobody",
        speaker="i we",
    ),
    negators=frozenset(["not", "never", "no", "nobody", "nothing", "none", "neither", "nor", "without"]),
    future=frozenset(["will", "'ll", "shall", "gonna", "going"]),
    possible=frozenset(["could", "might", "may", "can"]),
    hindsight=frozenset(["should", "ought", "must", "could", "would", "'d"]),
    perfect=frozenset(["have", "'ve"]),
    conditional=frozenset(["if", "unless"]),
    openers=frozenset(
        [
            "and",
            "but",
            "or",
            "because",
            "if",
            "when",
            "while",
            "although",
            "though",
            "unless",
            "since",
            "whereas",
            "once",
            "until",
            "before",
            "after",
            "then",
            "otherwise",
        ]
    ),
    skip=frozenset(
        [
            "honestly",
            "frankly",
            "only",
            "just",
            "really",
            "basically",
            "seriously",
            "well",
            "look",
            "let's",
            "yes",
            "no",
            "oh",
            "so",
            "and",
            "but",
            "then",
            "now",
            "if",
            "when",
            "once",
            "because",
            "and",
            "also",
            "even",
            "still",
            "maybe",
            "perhaps",
        ]
    ),
    irregular=_irregular(
        "be: am is are was were been being 's 're 'm, have: has had having 've, do: does did done doing,"
        " go: goes went gone going, send: sent sends, make: made, know: knew known, tell: told, think: thought,"
        " bring: brought, get: got gotten gets, take: took taken, fall: fell fallen, see: saw seen, give: gave given,"
        " meet: met, say: said, keep: kept, leave: left, let: let, put: put, feel: felt, find: found, lose: lost,"
        " die: died dying dies dead, lie: lay lain lying, ruin: ruined ruins, stupid: stupidest stupider,"
        " naive: naïve naiver, will: 'll, would: 'd, follow: followed, buy: bought, hurt: hurt,"
        " ashamed: ashamed, embarrass: embarrassed embarrassing, disappoint: disappointed disappointing,"
        " come: came, run: ran, catch: caught, write: wrote written, choose: chose chosen, shame: shamed shaming"
    ),
    meta=frozenset(
        [
            "avoid",
            "myth",
            "myths",
            "misconception",
            "misconceptions",
            "phrase",
            "phrases",
            "phrasing",
            "wording",
            "instead",
            "rather",
            "claim",
            "claims",
            "claimed",
        ]
    ),
    reporting=frozenset(
        [
            "say",
            "says",
            "said",
            "claim",
            "claims",
            "claimed",
            "threaten",
            "threatens",
            "threatened",
            "pretend",
            "pretends",
            "warn",
            "warns",
            # A message reported as written ("then writes that something bad will happen") is speech too.
            "write",
            "writes",
            "wrote",
            "texts",
            "texted",
        ]
    ),
    telling=frozenset(["tell", "tells", "told", "telling"]),
    offending=frozenset(
        f"{stem}{ending}" for stem in ("blackmail", "extort", "sextort", "threaten") for ending in ("s", "ed", "ing")
    )
    | frozenset(["harasses", "harassed", "harassing"]),
    intending=frozenset(["want", "wants", "wanted", "wanting"]),
    believing=frozenset(["believe", "think", "feel"]),
    feeling=frozenset(["feel", "feels", "felt", "fear", "fears", "feared", "worry", "worries", "worried"]),
    confirming=tuple(
        tuple(phrase.split())
        for phrase in (
            "that is true",
            "that 's true",
            "it is true",
            "it 's true",
            "which is true",
            "they are right",
            "they 're right",
            "he is right",
            "he 's right",
            "she is right",
            "she 's right",
            # "..., and it will": a harm said to be coming, agreed with ("and it will not" refutes it). Not "and you
            # will": "..., and you won't" ("and you will not") agrees with "you will never be free".
            "and it will",
            "and they will",
        )
    ),
)

DE: Final = Lexicon(
    who=_who(
        you="du dich dir ihr euch",
        child="kind kinder kindern kids mädchen junge jungen jungs schüler schülerin schülerinnen schülern "
        "jugendliche jugendlichen opfer sohn tochter teenager",
        person="er jemand",
        offender="täter täterin fremde fremder fremden erpresser betrüger mann männer bande kriminelle kriminellen "
        "erwachsene erwachsener",
        family="eltern mama mami papa papi mutter vater familie oma opa großeltern geschwister bruder schwester "
        "verwandte verwandten verwandtschaft tante onkel großmutter großvater cousin cousine enkel",
        school="lehrer lehrerin lehrkraft lehrkräfte lehrperson schule klasse mitschüler mitschülerinnen "
        "klassenkameraden freunde freundinnen trainer verein gemeinde nachbarn pfarrer kirche moschee koranschule "
        "mannschaft team kollegen dorf viertel schulhof schulgemeinschaft stufe jahrgang klassenchat klassengruppe "
        "elterngruppe stadt",
        future="arbeitgeber chef chefin uni universität zukunft job beruf ausbildung lehrstelle",
        everyone="alle jeder jede jeden leute welt internet wer man",
        nobody="niemand",
        speaker="ich wir",
    ),
    negators=frozenset(
        [
            "nicht",
            "nie",
            "niemals",
            "kein",
            "keine",
            "keinen",
            "keinem",
            "keiner",
            "keines",
            "niemand",
            "nichts",
            "weder",
            "ohne",
        ]
    ),
    future=frozenset(["werde", "wirst", "wird", "werdet", "werden"]),
    possible=frozenset(["könnte", "könntest", "könnten", "kann", "kannst", "können", "dürfte"]),
    hindsight=frozenset(
        ["hättest", "hätte", "hätten", "hättet", "solltest", "sollte", "sollten", "wärst", "wäre", "wären", "wärest"]
    ),
    perfect=frozenset(["hättest", "hätte", "hätten", "hättet", "wärst", "wäre", "wären", "wärest"]),
    conditional=frozenset(["wenn", "falls"]),
    openers=frozenset(
        [
            "und",
            "aber",
            "oder",
            "denn",
            "weil",
            "wenn",
            "als",
            "obwohl",
            "dass",
            "damit",
            "sonst",
            "falls",
            "sobald",
            "bevor",
            "nachdem",
        ]
    ),
    skip=frozenset(
        [
            "ehrlich",
            "gesagt",
            "nur",
            "einfach",
            "ja",
            "doch",
            "halt",
            "eben",
            "mal",
            "also",
            "und",
            "aber",
            "dann",
            "jetzt",
            "wenn",
            "als",
            "weil",
        ]
    ),
    irregular=_irregular(
        "sein: bin bist ist sind seid war warst waren wart wäre wärst wärest wären gewesen,"
        " haben: habe hast hat habt hatte hattest hatten hätte hättest hätten hättet gehabt,"
        " werden: werde wirst wird werdet würde würdest würden geworden,"
        " sollen: soll sollst sollte solltest sollten, müssen: muss musst musste müsste müsstest,"
        " können: kann kannst konnte könnte könntest, wissen: weiß weißt wusste wusstest gewusst,"
        " schicken: geschickt schickst schickt, senden: gesendet gesandt, schämen: schämt schämen schämst,"
        " sterben: stirbt starb gestorben stirbst, zerstören: zerstört, ruinieren: ruiniert, verfolgen: verfolgt,"
        " naiv: naive naiven naiver naives naivem, dumm: dumme dummen dummer dummes dümmer"
    ),
    meta=frozenset(
        [
            "vermeiden",
            "vermeide",
            "mythos",
            "irrtum",
            "irrglaube",
            "irrglauben",
            "trugschluss",
            "formulierung",
            "formulierungen",
            "statt",
            "anstatt",
            "satz",
            "sätze",
            "sätzen",
            "behaupten",
            "behauptet",
            "widersprechen",
            "einreden",
        ]
    ),
    reporting=frozenset(
        # "schreibt, dass ...": what someone else writes is reported speech, as in English.
        [
            "sagt",
            "sagte",
            "sagen",
            "behauptet",
            "behaupten",
            "behauptete",
            "droht",
            "drohen",
            "drohte",
            "schreibt",
            "schrieb",
            "warnt",
            "warnte",
        ]
    ),
    # "Täter erzählen Kindern oft, dass ...": with an offender as subject. Not "reden" ("reden ... ein" is telling, but
    # "dass der Fremde mit dir reden konnte" is not): "reden" only with its particle ending the clause.
    telling=frozenset(["erzählen", "erzählt", "erzählte", "erzählten", "einreden", "eingeredet", "einzureden"]),
    telling_apart=frozenset((form, "ein") for form in ("reden", "redet", "redete", "redeten")),
    capital_nouns=True,
    things=frozenset(["etwas", "nichts", "was", "viel", "vieles", "alles", "wenig"]),
    complements=frozenset(["dass"]),
    objects=frozenset(["dir", "dich"]),
    reported_mood=frozenset(["sei", "seien"]),
    # "Sie wollen, dass du glaubst, dass ...": the aim in a clause of its own (`clauses._wants_believed_next`).
    intending=frozenset(["will", "willst", "wollen", "wollt", "wollte", "wollten", "möchte", "möchten"]),
    believing=frozenset(
        ["glaubst", "glaubt", "glauben", "denkst", "denkt", "denken", "fühlst", "fühlt", "fühlen", "meinst", "meint"]
    ),
    confirming=tuple(
        tuple(phrase.split())
        for phrase in (
            "das stimmt",
            "es stimmt",
            "das ist wahr",
            "es ist wahr",
            "was stimmt",
            "sie haben recht",
            "haben sie recht",
            "er hat recht",
            "hat er recht",
            "sie hat recht",
        )
    ),
)

# Spanish: subject pronouns are mostly dropped, so `subject` also reads the person of the finite verb
# ("hubieras" is the child, "hubiera" is not said); "te", "os" name the child as object clitics.
ES: Final = Lexicon(
    who=_who(
        # The second-person forms of the modals and auxiliaries are the child as subject too (pro-drop):
        # listed here, the grammar kind's pre-filter finds them; regular endings ("aceptaste") are read in `subject`.
        you="tú usted ustedes vosotros vosotras ti contigo te os "
        "eres eras fuiste fueras fueses estás estabas estuviste has habías hubieras hubieses habrías tienes tenías "
        "tuviste tendrías tuvieras debes debías debiste deberías puedes podías pudiste podrías pudieras sabes sabías "
        "supiste sabrías haces hacías hiciste harías hicieras dices dijiste quieres querías quisiste ibas",
        child="niño niña niños niñas chico chica chicos chicas chaval chavala chavales chavalas alumno alumna "
        "alumnos alumnas alumnado estudiante estudiantes adolescente adolescentes menor menores víctima víctimas "
        "hijo hija hijos hijas joven jóvenes crío cría críos crías peque peques muchacho muchacha muchachos "
        "muchachas",
        person="él ella ellos ellas alguien persona",
        offender="agresor agresora agresores acosador acosadores depredador depredadores abusador abusadores "
        "chantajista chantajistas extorsionador extorsionadores estafador estafadores desconocido desconocidos "
        "extraño extraños delincuente delincuentes criminal criminales hombre hombres banda bandas adulto adultos "
        "secuestrador secuestradores hacker hackers",
        family="padre madre padres mamá papá familia familias abuela abuelo abuelos hermano hermana hermanos "
        "tío tía tíos primo prima primos apellido novio novia marido esposa esposo sobrino sobrina nieto nieta",
        school="profesor profesora profesores profesoras profe maestro maestra maestros colegio instituto escuela "
        "clase compañero compañera compañeros compañeras amigo amiga amigos amigas curso equipo entrenador "
        "entrenadora parroquia iglesia mezquita vecino vecina vecinos vecinas barrio pueblo cura comunidad "
        "congregación club párroco catequista insti",
        future="empresa empresas universidad universidades trabajo futuro carrera jefe jefa",
        everyone="todos todas cualquiera gente mundo internet",
        nobody="nadie",
        speaker="yo nosotros nosotras",
    ),
    negators=frozenset(
        ["no", "nunca", "jamás", "ni", "nadie", "nada", "ningún", "ninguno", "ninguna", "tampoco", "sin"]
    ),
    future=frozenset(["voy", "vas", "va", "vamos", "vais", "van"]),  # "ir a" + infinitive; -rá forms by ending
    possible=frozenset(
        ["puede", "puedes", "pueden", "podría", "podrías", "podrían", "pudiera", "pudieras", "podrá", "podrás"]
    ),
    hindsight=frozenset(
        [
            "debería",
            "deberías",
            "deberían",
            "debiste",
            "debió",
            "debía",
            "debías",
            "tendría",
            "tendrías",
            "tendrían",
            "tenía",
            "tenías",
            "podría",
            "podrías",
            "podrían",
            "pudiste",
            "pudo",
        ]
    ),
    perfect=frozenset(
        [
            "hubiera",
            "hubieras",
            "hubieran",
            "hubiéramos",
            "hubierais",
            "hubiese",
            "hubieses",
            "hubiesen",
            "hubiésemos",
            "habría",
            "habrías",
            "habrían",
            "habríamos",
            "habríais",
        ]
    ),
    conditional=frozenset(["si"]),
    openers=frozenset(["y", "o", "pero", "porque", "si", "cuando", "aunque", "mientras", "pues", "sino"]),
    skip=frozenset(
        [
            "sinceramente",
            "francamente",
            "honestamente",
            "solo",
            "sólo",
            "simplemente",
            "ya",
            "pues",
            "bueno",
            "mira",
            "oye",
            "y",
            "pero",
            "entonces",
            "ahora",
            "si",
            "cuando",
            "porque",
            "también",
            "incluso",
            "quizá",
            "quizás",
            "claro",
            "encima",
            "además",
            "ojalá",
        ]
    ),
    irregular=_irregular(
        "ser: soy eres es somos sois son era eras éramos eran fui fuiste fue fuimos fueron sido sea seas sean"
        " sería serías serían fuera fueras fueran fuese fueses,"
        " estar: estoy estás está estamos están estaba estabas estaban estuve estuviste estuvo esté estés"
        " estaría estarías estuviera estuvieras,"
        " haber: he has ha hemos han había habías habían hubo habré habrás habrá habrán habría habrías habrían"
        " haya hayas hayan hubiera hubieras hubieran hubiese hubieses hubiesen habido,"
        " tener: tengo tienes tiene tienen tenía tenías tenían tuve tuviste tuvo tuvieron tendré tendrás tendrá"
        " tendrán tendría tendrías tendrían tenga tengas tengan tuviera tuvieras tuviese,"
        " hacer: hago haces hace hacen hice hiciste hizo hicieron haré harás hará harán haría harías haga hagas"
        " hiciera hicieras hecho hecha,"
        " decir: digo dices dice dicen dije dijiste dijo dijeron diré dirás dirá dirán diría dirías diga digas"
        " dijera dijeras dicho,"
        " ir: voy vas va vamos vais van iba ibas iban,"
        " poder: puedo puedes puede pueden pude pudiste pudo pudieron podré podrás podrá podrán podría podrías"
        " podrían pueda puedas pudiera pudieras,"
        " querer: quiero quieres quiere quieren quise quisiste quiso querré querrás querrá querrán querría"
        " querrías quisiera quisieras,"
        " saber: sé sabes sabe saben supe supiste supo sabré sabrás sabrá sabrán sabría sepa sepas supiera"
        " supieras,"
        " poner: pongo pones pone ponen puse pusiste puso pondré pondrás pondrá pondría puesto puesta,"
        " ver: veo ves ve ven vi viste vio vieron verá verán visto vista,"
        " dar: doy das da dan di diste dio dieron,"
        " venir: vengo vienes viene vienen vine viniste vino vendré vendrás vendrá vendrán vendría,"
        " morir: muero mueres muere mueren murió murieron muerto muerta muertos,"
        " seguir: sigo sigues sigue siguen siguió siguieron seguirá,"
        " perseguir: persigue persiguen persiguió perseguirá perseguirán,"
        " pedir: pido pides pide piden pidió pidieron,"
        " sentir: siento sientes siente sienten sintió sintieron sienta sientas,"
        " caer: caigo caes cae caen caíste cayó cayeron caído caída,"
        " creer: creíste creyó creyeron creído,"
        " volver: vuelvo vuelves vuelve vuelven volverá volverán vuelto,"
        " escribir: escrito, abrir: abierto, romper: roto, descubrir: descubierto,"
        " confiar: confío confías confía confían, fiar: fío fías fía fían, enviar: envío envías envía envían,"
        " encontrar: encuentro encuentras encuentra encuentran, contar: cuento cuentas cuenta cuentan,"
        " pensar: pienso piensas piensa piensan, destrozar: destrozó, llegar: llegué,"
        " ingenuo: ingenua ingenuos ingenuas, tonto: tonta tontos tontas"
    ),
    meta=frozenset(
        ["evitar", "evite", "eviten", "evita", "evitad", "mito", "mitos", "frase", "frases", "expresión", "expresiones"]
    ),
    reporting=frozenset(
        [
            "dice",
            "dicen",
            "dijo",
            "dijeron",
            "afirma",
            "afirman",
            "amenaza",
            "amenazan",
            "amenazó",
            "escribe",
            "escriben",
            "escribió",
            "asegura",
            "aseguran",
            # The imperfect and the preterite of a told story ("El chantajista le escribía a Marcos que ...").
            *("decía", "decían", "escribía", "escribían", "repetía", "repetían", "repitió", "repitieron"),
            *("aseguraba", "aseguraban", "amenazaba", "amenazaban", "amenazaron"),
        ]
    ),
    after_label=frozenset(
        [
            *("que", "para", "como", "al", "de", "del", "y", "o", "e", "u", "ni", "con", "por", "en", "cuando"),
            *("si", "pero", "a", "porque", "ante", "hasta", "ahora", "ya", "también", "siempre", "otra", "vez"),
        ]
    ),
    clitics=frozenset(["me", "te", "se", "lo", "la", "le", "los", "las", "les", "nos", "os"]),
    # "Los extorsionadores suelen decir que ...", "pueden amenazar con ...", "El chantajista te dirá que ...": an
    # offender's habit, means or future of saying reports their words as the forms in `reporting` do. Not with
    # anyone else as subject: "(alguien) dirá que eres un pervertido" predicts a judgement of the child.
    telling=frozenset(
        [
            *(
                "dirá",
                "dirán",
                "diga",
                "digan",
                "decir",
                "decirte",
                "decirle",
                "decirles",
                "deciros",
                "afirmar",
                "asegurar",
                "asegurarte",
            ),
            *("escribir", "escribirte", "amenazar", "amenazarte", "prometer", "prometerte"),
        ]
    ),
    # "Alguien que te chantajea dice que ...", "Quien te extorsiona dirá que ...": a relative clause on the
    # subject (or opening the clause as its subject) puts the verb of saying further from it.
    relatives=frozenset(["que", "quien", "quienes"]),
    # "Algunos chicos sienten que su vida se ha acabado": a child's feeling, reported to an adult (as English "feel").
    feeling=frozenset(
        [
            *("sentir", "siente", "sienten", "sentía", "sentían", "sienta", "sientan"),
            *("temer", "teme", "temen", "temía", "temían"),
        ]
    ),
    offending=frozenset(
        f"{stem}{ending}"
        for stem in ("extorsion", "chantaje", "amenaz", "acos")
        for ending in ("a", "an", "ó", "aron", "aba", "aban", "ando")
    ),
    pro_drop=True,
    # Spanish puts its negator before the verb ("y no es verdad"), so each phrase opens with the "y" that
    # joins it: a negated one never matches. Not "y así es": "y así es como se sienten" is no agreement.
    confirming=tuple(
        tuple(phrase.split())
        for phrase in ("y es verdad", "y es cierto", "y tienen razón", "y tiene razón", "y así será")
    ),
)

# Arabic (Modern Standard): words are written here without vowel marks, as `arabic.plain` reads them;
# proclitics (و ف ب ل ك ال) and pronoun suffixes are taken off by `arabic.candidates`, so each word is
# listed bare. The subject pronoun is mostly dropped: `arabic.subject` reads the verb's person.
AR: Final = Lexicon(
    who=_who(
        # "كان عليك أن", "بإمكانك": listed, the grammar kind's pre-filter finds the child in them too.
        you="أنت انت أنتم انتم أنتن أنتما " + " ".join(sorted(_AR_EXPERIENCER)),
        child="طفل أطفال اطفال طفلة ولد أولاد اولاد بنت بنات فتاة فتيات فتى طالب طالبة طلاب طالبات تلميذ تلميذة "
        "تلاميذ مراهق مراهقة مراهقون مراهقين ضحية ضحايا ابن ابنة ابني ابنتي ابنك ابنتك ابنه ابنها ابنتها ابننا "
        "ابنتنا أبناء ابناء صغير صغار قاصر قاصرين يافع شاب شابة شباب",
        person="هو هي هم هن شخص أحد",
        offender="مبتز مبتزون مبتزين جاني جناة متحرش متحرشون متحرشين معتد معتدي غريب غرباء مجرم مجرمون مجرمين عصابة "
        "عصابات رجل رجال محتال محتالون محتالين قراصنة قرصان شرير أشرار ذئب ذئاب بالغ بالغون مستدرج "
        # Platforms and companies: not the child. After a verb that may be "you" or "she" (لو أغلقت
        # المنصة الحساب), the noun after it is its subject, so the clause is not read as the child's.
        "منصة منصات شركة شركات",
        family="أب أبو أبي أبوك أبيك أم أمي أمك والد والدة والدان والدين والديك أهل أهلك أسرة أسر عائلة عائلات جد جدة "
        "أخ أخت إخوة إخوتك اخوتك أخوك أختك عم عمة خال خالة أقارب زوج زوجة",
        school="معلم معلمة معلمون معلمين مدرس مدرسة مدرسون مدير مديرة صف فصل زملاء زميل زميلة أصدقاء اصدقاء "
        "صديق صديقة أصحاب اصحاب مسجد شيخ إمام جيران جار حي فريق مدرب نادي جامع",
        future="مستقبل جامعة جامعات عمل وظيفة مهنة",
        everyone="الجميع جميع الناس ناس العالم الإنترنت الانترنت",
        nobody="أحدا",
        speaker="أنا انا نحن",
    ),
    negators=_AR_NEGATORS,  # and "ما" before كان (`arabic.negators`): elsewhere "ما" is "what"
    future=frozenset(["سوف", "لن"]),
    possible=frozenset(["قد", "يمكن", "ربما", "ممكن"]),
    hindsight=frozenset(["يجب", "ينبغي", "عليك", "المفروض", "المفترض"]),
    perfect=frozenset(["كان", "كانت", "كنت"]),
    conditional=frozenset(["لو", "إذا", "اذا", "إن", "لولا"]),
    openers=frozenset(
        [
            *("لكن", "ولكن", "لكنه", "لكنها", "لأن", "لان", "لأنه", "لأنها", "لأنك", "إذا", "اذا", "وإذا", "فإذا"),
            *("عندما", "وعندما", "حين", "وحين", "حينما", "بينما", "ثم", "أو", "او", "لو", "ولو", "رغم", "كي"),
            # Not حتى ("until", "even"): "ستلاحقك حتى آخر يوم في عمرك" is one clause.
            *("بل", "إلا", "وإلا", "فإن", "لما", "لكان", "لكانت", "لكنت"),
        ]
    ),
    skip=frozenset(["بصراحة", "فقط", "حقا", "يا", "إذن", "اذن", "الآن", "الان", "طبعا", "ربما", "أيضا", "وأيضا"]),
    irregular={},
    meta=frozenset(
        [
            *("تجنب", "تجنبوا", "تجنبي", "عبارة", "عبارات", "جملة", "جمل", "مقولة", "مقولات", "بدلا", "بدلًا"),
            # "لا تقولوا للطفل ..." (advice to adults on wording); not the singular "لا تقل": said to the child.
            *("صياغة", "خرافة", "خرافات", "الخرافات", "أسطورة", "الأساطير", "تقولوا"),
        ]
    ),
    reporting=frozenset(
        [
            *("يقول", "يقولون", "تقول", "قال", "قالت", "قالوا", "يهدد", "تهدد", "هدد", "هددت", "هددوا", "يزعم"),
            *("تزعم", "زعم", "زعمت", "يكتب", "تكتب", "كتب", "كتبت", "يدعي", "تدعي", "ادعى", "يدعون"),
        ]
    ),
    # A feeling or fear reported, said before its subject in Arabic order ("قد تشعر أن الجميع سيعرف"; "يشعر بعض الأطفال
    # أن ..."): the child's worry, not the writer's claim.
    feeling=frozenset(
        [
            *("تشعر", "تشعرين", "تشعرون", "يشعر", "يشعرون", "تخاف", "تخافين", "يخاف", "يخافون"),
            *("تخشى", "تخشين", "يخشى", "يخشون"),
        ]
    ),
    pro_drop=True,
    # The writer agreeing with what was reported ("..., وهذا صحيح"); a negated one ("وهذا غير صحيح") never
    # matches, as its negator stands inside the phrase.
    confirming=tuple(
        tuple(phrase.split())
        for phrase in (
            *("وهذا صحيح", "وهذا حقيقي", "وهذه حقيقة", "وهو محق", "وهم محقون", "وهم على حق", "وهو على حق"),
            # Each opens with its "و" or its verb: "ليس معه حق" (he is not right) must not match.
            *("وأرى كلامه صحيحا", "وأرى كلامهم صحيحا", "ومعه حق", "ومعهم حق", "وأتفق معه", "وأتفق معهم"),
        )
    ),
)

LEXICONS: Final = {"en": EN, "de": DE, "es": ES, "ar": AR}
