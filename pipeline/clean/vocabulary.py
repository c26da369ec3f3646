"""Word lists the line features read: function words (several languages) and boilerplate vocabulary."""

from __future__ import annotations

import re

# Function words: running prose is full of them, menus and link lists are not.
ENGLISH_STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers him his how i if in into is it its itself just me more most my
    no nor not now of off on once only or other our out over own same she should so some such than
    that the their them then there these they this those through to too under until up very was we
    were what when where which while who whom why will with would you your said says
    """.split()  # noqa: SIM905 - a word list reads best as text
)
STOPWORDS = ENGLISH_STOPWORDS | frozenset(
    """
    de la le les
    des du un une et est en que qui dans pour par sur au aux pas plus ne se ce il elle el los las y
    del con por para una es su al lo como más o pero sus le ya fue este ha sí o os as um uma do da
    dos das em no na nos nas com não mais foi ao pelo pela é ser der die das und ist nicht ein eine
    den dem des zu mit sich auf für von im auch es an als yang dan di ini itu dengan untuk tidak
    dari dalam akan pada juga ke karena oleh ada
    """.split()  # noqa: SIM905 - a word list reads best as text
)

# Words that name the machinery around an article rather than its story.
BOILERPLATE_WORDS = frozenset(
    """
    share shares shared sharing tweet facebook twitter linkedin whatsapp pinterest reddit instagram
    youtube email print subscribe subscribers subscription unsubscribe newsletter newsletters inbox
    sign login log register account cookie cookies privacy policy terms copyright reserved rights
    advertisement advertise advertising sponsored sponsor ad ads comments comment reply replies
    click here menu home search navigation skip toggle expand collapse close download app apps
    related recommended trending popular latest more read watch listen podcast podcasts video videos
    photo photos gallery credit image images caption follow followers contact feedback tip tips
    notifications alert alerts edition weather horoscope careers jobs
    """.split()  # noqa: SIM905 - a word list reads best as text
)

# Lines that are boilerplate whatever their context (kept short and generic on purpose).
JUNK_LINE = re.compile(
    r"^(?:click here\b|leave a (?:reply|comment)\b|your email address will not be published"
    r"|(?:\d+ )?comments?$|advertisement\b|sponsored(?: content)?$|(?:share|tweet|email|print) (?:this|on)\b"
    r"|share this (?:article|story)|follow us\b|sign up\b|subscribe\b|related(?: articles?| stories| posts?)?:"
    r"|read more\b|see (?:also|more)\b|more (?:from|in|on)\b|skip to (?:main )?content"
    r"|all rights reserved|copyright\b|©|\(reporting by\b|reporting by\b|editing by\b"
    r"|(?:this|our) (?:site|website) uses cookies|we use cookies|privacy policy|terms of (?:use|service)"
    r"|required fields are marked|notify me of\b|save my name\b|you (?:may|might) also like"
    r"|sharing is caring|submit (?:a )?correction|got a (?:news )?tip|have your say|(?:\d+ )?photos$"
    r"|(?:~|about )?\d+ (?:minutes?|hours?|days?|weeks?) ago$|published \d|updated \d|posted \d"
    r"|link to this\b|by signing up\b|you agree to\b|this (?:post|article) may contain affiliate"
    r"|you may (?:also )?like\b|[^()]{1,40} \(\d+\)$|(?!https?:)[\w.-]+(?:/[\w.-]+)+$)",
    re.IGNORECASE,
)
# Case matters here: a byline ("By Jane Doe") and a page-layout name ("landscape-tablet-and-above").
JUNK_LINE_CASED = re.compile(r"^(?:By [A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3}$|[a-z]+(?:-[a-z]+){2,}$)")
# One \b before the whole alternation (not one per branch): the same matches, a third of the time.
JUNK_ANYWHERE = re.compile(
    r"\b(?:follow (?:\w+ ){0,4}on (?:twitter|facebook|instagram)\b"
    r"|sign up for our\b|sign up for (?:the )?(?:\w+ ){0,3}newsletter"
    r"|newsletters?\b.{0,40}\binbox\b|inbox\b.{0,60}\bnewsletters?\b|click here\b|all rights reserved\b"
    r"|your email address will not be published\b|share (?:it|this) with\b|privacy policy\b"
    r"|please try again\b"
    r"|cookies\b.{0,80}\b(?:website to function|browsing experience|your consent)\b"
    r"|accept (?:all )?cookies\b|cookie (?:settings|preferences)\b)"
    r"|\s\*$",
    re.IGNORECASE,
)

# Page furniture a scraper keeps as its own line: teaser footers, reading times, comment counts, the
# address or file name of a picture, a gallery link, a market-data notice, glued pager labels.
JUNK_FURNITURE = re.compile(
    r"^(?:continue reading\b|keep reading\b|read (?:the )?(?:full|whole|entire|rest of the) (?:story|article|post)\b"
    r"|(?:view|show|see|read|load) (?:all )?(?:\d+ )?comments?$"
    r"|(?:https?://)?\S*\.(?:jpe?g|png|gif|webp|svg|tiff?)(?:\?\S*)?$)"
    r"|\b(?:see|view) (?:the )?full gallery\b|\b\d{1,3}\s?(?:-\s?)?min(?:ute)?s?\.? read$"  # "~5 min read" too
    r"|\b(?:quotes?|prices?|data) (?:are |is )?delayed\b.{0,40}\b\d+ min(?:ute)?s?\b",
    re.IGNORECASE,
)
FURNITURE_MAX_WORDS = 25
# "PrevPrevious", "NextNext post": a pager's two labels glued by a scraper (case matters)
GLUED_PAGER = re.compile(r"(?:^|\s)(?:Prev(?:ious)?|Next)(?:Prev(?:ious)?|Next)")
# A line of nothing but a labelled date or time: "Updated 3:45 PM ET", "Published 2 hours ago"
_TIME_WORDS = frozenset(
    """
    updated published posted modified last first on at am pm a m p et est edt ct cst cdt pt pst pdt
    gmt bst utc cet ist ago just now today yesterday min mins minute minutes hour hours hr hrs h day days week
    weeks month months year years an jan january feb february mar march apr april may jun june jul july aug
    august sep sept september oct october nov november dec december mon monday tue tues tuesday wed wednesday
    thu thur thurs thursday fri friday sat saturday sun sunday of the st nd rd th
    """.split()  # noqa: SIM905 - a word list reads best as text
)
_TIME_TOKEN = re.compile(r"[^\W\d_]+|\d+")
# a bare time is a live blog's subheading ("10 p.m."): only a label or "ago" makes it the page's stamp
_TIME_LABEL = re.compile(r"^(?:(?:last|first) )?(?:updated|published|posted|modified)\b|\bago$", re.IGNORECASE)
TIMESTAMP_MAX_WORDS = 12


def is_timestamp(line: str) -> bool:
    """A page's date stamp alone on its line ("Updated 3:45 PM ET", "Published 2 hours ago")."""
    tokens = _TIME_TOKEN.findall(line)
    if len(tokens) < 2 or len(tokens) > TIMESTAMP_MAX_WORDS or not _TIME_LABEL.search(line):
        return False
    return all(t.isdigit() or t.lower() in _TIME_WORDS for t in tokens)


RULE_MAX_WORDS = 20  # a junk phrase opening a longer line may be the story talking about it
ANYWHERE_MAX_WORDS = 40


def is_junk_phrase(line: str, words: int) -> bool:
    """Boilerplate whatever the context: a known junk phrase on a line too short to be a story's own."""
    if words <= RULE_MAX_WORDS and (JUNK_LINE.match(line) or JUNK_LINE_CASED.match(line)):
        return True
    if words <= FURNITURE_MAX_WORDS and (JUNK_FURNITURE.search(line) or GLUED_PAGER.search(line)):
        return True
    if words <= TIMESTAMP_MAX_WORDS and is_timestamp(line):
        return True
    return words <= ANYWHERE_MAX_WORDS and bool(JUNK_ANYWHERE.search(line))
