"""The shared list of site furniture: what the sites curators copy from print around a piece.

Data only; ``furniture.py`` applies it. Every entry is a regular expression
that must match a whole line (case-insensitive, spaces already collapsed). The
sites are the ones GP-contract commentary is copied from: Pulse, GPonline, the
BMJ, HSJ, the BMA, NHS England, GOV.UK, the King's Fund, the Nuffield Trust,
the Health Foundation, Healthcare Leader, NHS Providers, the RCGP, LMC sites,
and blogs on WordPress, Blogger, Substack and Medium with Disqus comments.
What the archive learns for one publication is passed to the parser as
``extra_furniture`` and applied the same way.
"""

# A picture's credit line; the short line just above it is the picture's caption or alt text.
PICTURE_CREDITS = [
    r"(?:picture|photo|photograph|image|credit|source|illustration)s?(?: credit)?\s*:\s*.{1,80}",
    r"(?:getty images|alamy|shutterstock|pa(?: media| images| wire)?|istock(?:photo)?|rawpixel|reuters)",
]

# Lines that are never the author's text, wherever they stand.
LINES = [
    # Audience banners, skip links, cookie notices.
    r"this site is intended for health ?(?:care )?professionals only",
    r"intended for health ?care professionals",
    r"skip to (?:main )?content",
    r"cookies on gov\.uk",
    r"article continues below this sponsored advert",
    r"please note,? only gps are permitted to add comments to articles",
    r"no comments?:?|\d+ comments?",
    # Sharing, printing, following, signing in.
    r"share(?: this)?(?: page| article| post| story)?:?",
    r"share on (?:facebook|x|twitter|linkedin|email)",
    r"share: .*",
    r"(?:x|twitter|facebook|linkedin|email|whatsapp|pinterest|reddit|bluesky|threads)",
    r"print(?: this)?(?: page| article)?",
    r"email this ?blog ?this!.*",
    r"like this:",
    r"like(?: \(\d+\))?",
    r"like loading\.{3}|like loading…",
    r"listen",
    r"follow",
    r"subscribe",
    r"subscribe to:? .*",
    r"(?:log ?in|sign in|sign up|register)",
    r"privacy",
    r"do not sell my data",
    r"back to (?:blog|news|top|all news|the blog)",
    r"(?:newer post|older post|home)(?: (?:newer post|older post|home))*",
    r"read more",
    r"thousands of (?:paid )?subscribers",
    r"\d+ followers?",
    r"(?:reading time: )?\d+ min(?:ute)?s?(?: read)?",
    r"reading time: \d+ min(?:ute)?s",
    # Navigation.
    r"home\s*[>›»/|].*",
    r"cite this as: .*",
    r"follow (?:the bmj|us) on .*",
    r"publication \(web\)",
    r"ends",
    r"suggested citation",
    r"just published|most read|related articles|related posts|related reading|you may also like",
    r"have you registered with us yet\??",
    r"register now to enjoy more articles.*",
    r"is this page useful\??|maybe|yes this page is useful|no this page is not useful",
    r"report a problem with this page",
    r"the following links open in a new tab",
    r"(?:get emails|sign up for emails)(?: about this page)?(?: or print this page)?",
    r"article tools|download pdf|respond to this article|download (?:the )?(?:report|briefing|pdf)",
    r"already (?:registered|a subscriber|have an account)\??(?: (?:log|sign) in)?",
    r"(?:←\s*)?(?:previous|next) (?:post|article|story)(?:\s*→)?",
    r"load more comments",
    r"post a comment|post comment|leave a (?:reply|comment)(?: cancel reply)?|comments are closed\.?",
    r"reply|delete|restacks|discussion about this post",
    # Comment forms and comment-system chrome.
    r"(?:comment|name|email|website|your name|your email)(?: \*)?",
    r"your email address will not be published\..*",
    r"save my name, email, and website in this browser.*",
    r"join the discussion…?|join the discussion\.{3}",
    r"log in with|or sign up with disqus ?\??|best newest oldest|sort by (?:best|newest|oldest)",
    # Metadata labels with their values.
    r"(?:location|audience|topics?|tags?|labels|categories|category|sectors?|keywords|filed under|"
    r"publication type|publication reference|classification|content type|type|region|"
    r"page updated|share|read time)\s*:.*",
    r"posted in .*(?:\|.*)?",
    r"competing interests: .*",
    # Picture credits, agencies and captions carrying a credit.
    *PICTURE_CREDITS,
    r".{0,120}\((?:photo|picture|image|credit)s?\s*:[^)]{1,60}\)",  # a caption ending in its credit
    # Lone separators, lone counts (likes, comment counts) and stray years.
    # Newspapers, magazines and blog platforms (the Guardian, the Times, the Telegraph, the
    # Independent, Ghost, LinkedIn): save and share tools, newsletter boxes, comment chrome.
    r"bookmark|save|copy link|report|recommend(?: \(\d+\))?|\+ ?follow|show comments|see more comments",
    r"most viewed|more stories|reuse this content|download|sign up now|start the conversation",
    r"comments? icon \(\d+\)|\d+ reactions?|x \(twitter\)|per page \d+|sort by|display threads \w+",
    r"unsuitable or offensive\? report this comment",
    r"you must be logged in to (?:post a )?comment.*|(?:log ?in|sign in|register) to (?:comment|reply)",
    r"sign in or create your .{1,40} account to join the discussion\.?",
    r"become a (?:paid )?member of .{1,60} to (?:start )?comment(?:ing)?\.?|already a member\?(?: sign in)?",
    r"to view or add a comment, sign in|more articles by .{2,60}",
    r"comments are subject to our community guidelines.*|join thought-provoking conversations.*",
    r"do you have an opinion on the issues raised in this article\?.*",
    r"sign up (?:for|to) (?:our )?(?:free )?.{0,40}newsletters?|enter your email(?: address)?",
    r"get the .{3,60} (?:in|into|straight to) your inbox\.?|i would like to be emailed about offers.*",
    r"read more: .{3,150}",
    r"view this email in your browser|page last reviewed: .*",
    # A document's download link: "Changes to the contract (PDF, 412 KB)".
    r".{3,150} \((?:pdf|docx?|xlsx?|odt|ods|csv)(?:,\s*[\d.]+\s*[kmg]b)?(?:,\s*\d+ pages?)?\)",
    # A caption ending in its credit: "... in Leeds. Photograph: Jane Doe/Alamy".
    r".{10,300}\s(?:photograph|photo|picture|credit)\s*:\s*\w[\w'’.-]*(?:[ /&-]+\w[\w'’.-]*){0,5}",
    # The Conversation: its partners' funding line.
    r".{3,120} provides? (?:funding|support) as (?:a )?(?:founding )?(?:member|partner)s? "
    r"of the conversation.*",
    r"[-–—_*·•|=~#/\\.]{1,10}",
    r"\d{1,5}",
    # Press offices: a lone telephone number or e-mail address, perhaps with a short label.
    r"(?:[\w' ]{1,40}:\s*)?\+?\d[\d ()-]{8,}\d(?:/\d{3,4})*",
    r"(?:[\w' ]{1,40}:\s*)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
]

# Content-type and section labels, and a journal's tabs: furniture only above the text
# (before its first sentence); further down, "Analysis" or "Guidance" may be the author's heading.
TOP_LABELS = [
    r"news|blog|blog post|opinion|analysis|comment|long read|feature|views|interview|briefing|explainer",
    r"from: .{3,150}",  # GOV.UK: the organisations a page is from
    r"press release|news story|guidance|publication|letters?|exclusive|news and opinion|on the day briefing",
    r"bma news and opinion|bma media centre|lmc update|lmc news|latest news|news and views|chart of the week",
    r"rapid response:?|editorials?|article|metrics|responses|related content|peer review|article info",
    r"citation tools",
    r"partners",  # the Conversation: the institutions funding it, above the text
    r"comments",  # a link to the comments under the byline (the Independent), not the comments
]

# A label whose value is printed on the next line ("From:" then the department).
LABELS_WITH_VALUE_BELOW = [
    r"from:",
    r"rapid response to:",
    r"in response to:",
    r"part of:",
    r"reading time:",
    r"delivered on:",
    r"disclosure statement",  # the Conversation: the author's interests, one line below
]

# A link's label with the linked headline on the next line ("Read more" / "How to ..."): both go
# when the line below is a headline, not a sentence; the text may go on after them.
LINK_LABELS = [r"read more", r"see also", r"read next"]

# A heading followed by a short list of values: topics, tags, a contents list.
# "authors" lists are read as the piece's authors.
LIST_HEADINGS = [
    r"topics",
    r"tags",
    r"this content relates to the following topics:",
    r"related topics",
    r"contents",
    r"on this page",
    r"in this section",
]
AUTHOR_LIST_HEADINGS = [r"authors?:?", r"written by:?"]

# Where a page's footer starts: everything from here to the comments is furniture.
FOOTER_STARTS = [
    r"related(?: content| articles| reading| links| posts| pages| resources)?",
    r"further reading|more on this topic|more from this author|read next",
    r"updates to this page",  # GOV.UK: the page history, then "Is this page useful?"
    r"suggested citation|cite this (?:page|article|as)",
    r"article tools",  # the BMJ: tools and response links below the text
    r"like this:",
    r"share this:",
    r"written by .+",
    r"about the authors?",
    r"have you registered with us yet\??",
    r"subscribe to .+",
    r"you might also like",
    r"(?:for )?further information|media enquiries|media contacts?|press contacts?|press office",
    r"is this page useful\??",  # GOV.UK: then "Yes" / "No"
    r"was this page (?:helpful|useful)\??|find out more",  # the BMA
    r"explore more on these topics|more about|join our commenting forum|join the conversation",
    r"sign up for more like this\.?",  # Ghost: the newsletter box, then other posts
    r"want to write\??",  # the Conversation
    r"copyright ©.*|© .{3,120}",  # an e-mail newsletter's foot
]

# Site names: printed alone at the top of a page they are its publication.
PUBLICATIONS = [
    "Pulse",
    "Pulse Today",
    "GPonline",
    "The BMJ",
    "BMJ",
    "HSJ",
    "Health Service Journal",
    "BMA",
    "British Medical Association",
    "NHS England",
    "GOV.UK",
    "The King's Fund",
    "Nuffield Trust",
    "The Nuffield Trust",
    "The Health Foundation",
    "Health Foundation",
    "Healthcare Leader",
    "NHS Providers",
    "NHS Confederation",
    "Royal College of General Practitioners",
    "RCGP",
    "Management in Practice",
    "Londonwide LMCs",
    "Local Government Chronicle",
    "LGC",
    "The Conversation",
    "The Guardian",
    "The Times",
    "The Telegraph",
    "The Independent",
]
# Local medical committees name themselves in a few set ways.
PUBLICATION_PATTERNS = [
    r"[A-Z][\w&'’ -]{1,60} LMCs?",
    r"[A-Z][\w&'’ -]{1,60} Local Medical Committees?",
]
