"""Original demo articles for the blog, written for this project. Plain data, no database."""


def h2(text):
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def h3(text):
    return {"type": "heading", "value": {"text": text, "level": "h3"}}


def p(*paragraphs):
    return {"type": "paragraph", "value": "".join(f"<p>{text}</p>" for text in paragraphs)}


def bullets(*items):
    return {"type": "bullets", "value": {"items": list(items)}}


def quote(text, attribution=""):
    return {"type": "quote", "value": {"quote": text, "attribution": attribution}}


def cta(heading, text):
    return {
        "type": "call_to_action",
        "value": {
            "heading": heading,
            "text": text,
            "button_label": "Book a consultation",
            "page": None,
        },
    }


def figure(image, alt, caption="", decorative=False):
    """An image block; `image` indexes BODY_IMAGES and blog.demo swaps in the stored image."""
    return {
        "type": "image",
        "value": {
            "image": {"demo_image": image, "alt_text": alt, "decorative": decorative},
            "caption": caption,
        },
    }


def faq(*pairs, heading="Frequently asked questions"):
    return {
        "type": "faq",
        "value": {
            "heading": heading,
            "questions": [{"question": q, "answer": f"<p>{a}</p>"} for q, a in pairs],
        },
    }


AUTHORS = [
    {
        "slug": "adrian-vale",
        "name": "Dr. Adrian Vale",
        "credentials": "MD",
        "role": "Board-certified facial plastic surgeon",
        "bio": "Dr. Vale is a board-certified facial plastic surgeon who focuses on eyelid, brow "
        "and facelift surgery. He plans every operation around how a face moves, not only how "
        "it looks in a still photograph.",
        "is_physician": True,
        "medical_specialty": "PlasticSurgery",
        "seed": 41,
    },
    {
        "slug": "nora-castillo",
        "name": "Nora Castillo",
        "credentials": "RN",
        "role": "Nurse injector",
        "bio": "Nora is a registered nurse who has specialised in injectable treatments for "
        "more than a decade. She prefers small, staged changes and a follow-up visit before "
        "adding more.",
        "is_physician": False,
        "medical_specialty": "",
        "seed": 42,
    },
]

CATEGORIES = [
    ("surgery", "Surgery", "Eyelid, brow and facial surgery explained step by step."),
    (
        "non-surgical",
        "Non-surgical treatments",
        "Fillers, neuromodulators and skin treatments without an operation.",
    ),
    ("recovery", "Recovery", "What the days and weeks after a procedure really look like."),
    (
        "faces-and-expression",
        "Faces and expression",
        "How small movements of the face change what other people read in it.",
    ),
    (
        "planning-your-care",
        "Planning your care",
        "Choosing a surgeon, preparing questions and deciding what is right for you.",
    ),
]

# (title, alt text, seed) of the hero images; articles point at them by index.
HERO_IMAGES = [
    ("Blog hero: warm abstract", "Soft warm abstract shapes in peach and terracotta", 51),
    ("Blog hero: cool abstract", "Soft blue and slate abstract shapes", 52),
    ("Blog hero: green abstract", "Muted sage green abstract shapes", 53),
    ("Blog hero: violet abstract", "Pale violet abstract shapes on a light background", 54),
    ("Blog hero: golden abstract", "Golden abstract shapes like late afternoon light", 55),
]

# (title, description, seed) of the images inside article bodies; figure() points at them.
BODY_IMAGES = [
    ("Blog figure: soft light study", "Soft diagonal light across pale abstract shapes", 61),
    ("Blog figure: calm recovery corner", "Muted abstract shapes in calm greys and creams", 62),
    ("Blog figure: warm divider", "Thin warm bands of colour", 63),
]

SURGEON, NURSE = "adrian-vale", "nora-castillo"

ARTICLES = [
    {
        "slug": "small-movements-trustworthy-faces",
        "title": "Why small facial movements shape how trustworthy we look",
        "lede": "People judge warmth and honesty from a face in a fraction of a second, and "
        "most of what they read comes from movement around the eyes and mouth.",
        "days_ago": 2,
        "authors": [SURGEON],
        "reviewer": SURGEON,
        "categories": ["faces-and-expression"],
        "tags": ["expressions", "eyes", "consultation"],
        "hero": 0,
        "body": [
            p(
                "Ask a friend to describe someone they have just met and they will rarely talk "
                "about the shape of a nose. They will say the person seemed kind, tired, tense "
                "or open. Those impressions are built from motion: how the eyes narrow in a "
                "smile, whether the brow lifts when the person listens, how quickly the mouth "
                "relaxes afterwards.",
                "That is why we study faces in motion at a consultation. A treatment that "
                "looks tidy in a still photograph can quietly change the expressions other "
                "people rely on to read you.",
            ),
            h2("The eyes carry most of the message"),
            p(
                "A genuine smile involves the muscle that circles the eye, which lifts the "
                "cheek and creases the outer corner. When that movement is missing, the smile "
                "tends to look polite rather than warm. Heavy upper lids or a low brow can "
                "hide the same signal even when the feeling behind it is real."
            ),
            bullets(
                "A slight lift of the inner brow reads as attention and sympathy.",
                "Soft creasing at the outer eye reads as warmth.",
                "A brow that stays low at rest can read as tiredness or disapproval.",
            ),
            quote(
                "We are not trying to remove expression. We are trying to make sure the "
                "expression you feel is the one people see."
            ),
            h2("What this means for treatment"),
            p(
                "Good facial work protects these small signals. With neuromodulators that "
                "means lighter doses in the muscles that carry warmth. In eyelid or brow "
                "surgery it means keeping enough skin and support for the eye to close fully "
                "and to crinkle when you laugh."
            ),
            cta(
                "See how your face moves",
                "At a consultation we film a few natural expressions with your permission "
                "and plan around them.",
            ),
        ],
    },
    {
        "slug": "upper-eyelid-surgery-guide",
        "title": "Upper eyelid surgery: who it helps and what to expect",
        "lede": "Blepharoplasty removes a small strip of skin and sometimes fat from the upper "
        "lid. Done conservatively, it makes the eyes look rested rather than changed.",
        "days_ago": 9,
        "authors": [SURGEON],
        "reviewer": SURGEON,
        "categories": ["surgery"],
        "tags": ["eyelids", "eyes", "surgery basics"],
        "hero": 1,
        "body": [
            p(
                "With age the skin of the upper lid loosens and folds over the lash line. For "
                "some people this is only cosmetic; for others it presses on the lashes and "
                "narrows the field of vision, especially late in the day."
            ),
            h2("Is it the lid or the brow?"),
            p(
                "A low brow pushes skin down onto the lid and can look exactly like excess "
                "eyelid skin. Removing lid skin in that case can pull the brow lower still. We "
                "always check brow position first, with you sitting upright and relaxed."
            ),
            h2("The day of surgery"),
            bullets(
                "Most upper lid procedures take about an hour under local anaesthetic with "
                "light sedation.",
                "The incision sits in the natural crease, where it fades well.",
                "You go home the same day with cold compresses and simple eye ointment.",
            ),
            faq(
                (
                    "Will my eyes look different?",
                    "They should look like your eyes when you were rested. A conservative "
                    "operation keeps the lid crease and the shape of the eye.",
                ),
                (
                    "When can I go back to work?",
                    "Most people return to desk work after seven to ten days, once the "
                    "stitches are out and bruising has faded enough to cover with make-up.",
                ),
                (
                    "Is upper eyelid surgery ever covered by insurance?",
                    "Sometimes, when skin blocks your vision and a formal visual field test "
                    "shows it. We can arrange the test if your symptoms suggest it.",
                ),
            ),
        ],
    },
    {
        "slug": "brow-lift-explained",
        "title": "Brow lift, explained without the jargon",
        "lede": "A brow lift raises a low or heavy brow by a few millimetres. The aim is an "
        "open, relaxed look, never a surprised one.",
        "days_ago": 16,
        "authors": [SURGEON],
        "reviewer": SURGEON,
        "categories": ["surgery"],
        "tags": ["brow", "eyes", "surgery basics"],
        "hero": 2,
        "body": [
            p(
                "The brow sits on a layer of soft tissue that slowly descends with time. The "
                "outer part usually drops first, which gives a heavy or sad look even when you "
                "feel cheerful."
            ),
            figure(
                0,
                "Abstract shapes lit from above, the upper half in soft shadow",
                "Light from above shows how a low brow shades the upper lid.",
            ),
            h2("Approaches we use"),
            h3("Endoscopic brow lift"),
            p(
                "Small incisions behind the hairline let us release and reposition the brow "
                "with a camera. Scars are hidden and recovery is usually quick."
            ),
            h3("Temporal or hairline lift"),
            p(
                "For people with a high forehead, an incision along the hairline lifts the "
                "brow without moving the hairline further back."
            ),
            quote("A few millimetres is often the whole difference between tired and rested."),
            faq(
                (
                    "How long does a brow lift last?",
                    "The brow keeps ageing, but most people still look more rested than "
                    "before surgery ten years later.",
                ),
                (
                    "Can I combine it with eyelid surgery?",
                    "Yes. The brow is planned first and the lid skin measured afterwards, so "
                    "that both are corrected without over-tightening.",
                ),
            ),
            cta("Not sure whether it is your brow or your lids?", "A short exam answers it."),
        ],
    },
    {
        "slug": "first-two-weeks-after-eyelid-surgery",
        "title": "The first two weeks after eyelid surgery, day by day",
        "lede": "Swelling peaks on day two or three and fades steadily. Here is a practical "
        "guide to the first fortnight, from cold compresses to your first outing.",
        "days_ago": 23,
        "authors": [NURSE, SURGEON],
        "reviewer": SURGEON,
        "categories": ["recovery"],
        "tags": ["eyelids", "recovery tips", "swelling"],
        "hero": 3,
        "body": [
            h2("Days one to three"),
            p(
                "Rest with your head raised on two pillows and use cold compresses for ten "
                "minutes every hour while awake. Blurred vision from ointment is normal. "
                "Swelling usually looks its worst on the second or third morning."
            ),
            figure(
                1,
                "Muted grey and cream shapes suggesting a quiet, restful room",
                "Rest, cool compresses and a raised pillow do most of the work early on.",
            ),
            h2("Days four to seven"),
            bullets(
                "Switch from cold to gentle warm compresses if we advise it.",
                "Short walks are good for circulation; avoid bending and lifting.",
                "Stitches usually come out between day five and day seven.",
            ),
            h2("Week two"),
            p(
                "Most bruising has turned yellow and can be covered with make-up once the "
                "incisions have closed. Screens are fine in moderation, but your eyes may tire "
                "sooner than usual."
            ),
            faq(
                (
                    "When should I call the practice?",
                    "Call at once for increasing pain, swelling on one side only, a change in "
                    "vision or bleeding that does not stop with gentle pressure.",
                ),
                (
                    "Can I wear contact lenses?",
                    "Wait about two weeks, and until the lids no longer feel tight when you "
                    "put lenses in.",
                ),
            ),
        ],
    },
    {
        "slug": "fillers-or-neuromodulators",
        "title": "Fillers or neuromodulators: which one does what?",
        "lede": "Neuromodulators soften lines caused by movement; fillers replace volume that "
        "has been lost. Many people need one, not both.",
        "days_ago": 30,
        "authors": [NURSE],
        "reviewer": SURGEON,
        "categories": ["non-surgical"],
        "tags": ["fillers", "neuromodulators", "expressions"],
        "hero": 4,
        "body": [
            p(
                "The two treatments are often mentioned together, but they work in opposite "
                "ways. A neuromodulator relaxes a muscle so the skin above it creases less. A "
                "filler is a soft gel placed under the skin to support or restore shape."
            ),
            h2("Lines that appear when you move"),
            p(
                "Frown lines, forehead lines and crow's feet come from repeated movement. "
                "They respond to small doses of neuromodulator, which take about a week to "
                "work and last around three to four months."
            ),
            h2("Hollows and folds at rest"),
            p(
                "Hollows under the eyes, flattened cheeks and deep folds beside the mouth are "
                "usually about volume. Filler lasts from six months to over a year depending "
                "on the product and the area."
            ),
            bullets(
                "Start with the smallest change that addresses your main concern.",
                "Review at two weeks before adding anything.",
                "Keep the muscles that carry a warm smile moving.",
            ),
            faq(
                (
                    "Does either treatment hurt?",
                    "Both use fine needles. Most fillers contain a local anaesthetic, and "
                    "numbing cream helps with sensitive areas.",
                ),
                (
                    "Can fillers be reversed?",
                    "Hyaluronic acid fillers can be dissolved with an enzyme if needed, which "
                    "is one reason we prefer them for first treatments.",
                ),
            ),
        ],
    },
    {
        "slug": "how-to-choose-a-facial-plastic-surgeon",
        "title": "How to choose a facial plastic surgeon",
        "lede": "Board certification, experience with your procedure and a surgeon who listens "
        "matter more than before-and-after galleries.",
        "days_ago": 37,
        "authors": [SURGEON],
        "reviewer": None,
        "categories": ["planning-your-care"],
        "tags": ["consultation", "surgery basics"],
        "hero": 0,
        "body": [
            h2("Check the training"),
            p(
                "Look for certification by a board that examines surgeons in facial plastic "
                "surgery or plastic surgery, and ask how often the surgeon performs the "
                "procedure you want. Hospital privileges for the operation are a useful "
                "second check."
            ),
            h2("Questions worth asking"),
            bullets(
                "How many of these operations do you perform in a typical month?",
                "Who will be with me during recovery, and how do I reach them at night?",
                "What would you advise against in my case, and why?",
                "What happens if I need a revision?",
            ),
            quote(
                "A good consultation includes at least one suggestion to do less than you "
                "came in asking for.",
                "Dr. Adrian Vale",
            ),
            p(
                "Finally, notice how you feel after the visit. You should leave with clear "
                "answers, a written estimate and no pressure to book on the day."
            ),
            cta("Start with a conversation", "Consultations are unhurried and cost-transparent."),
        ],
    },
    {
        "slug": "sun-care-after-facial-surgery",
        "title": "Sun care after facial surgery",
        "lede": "New scars and healing skin burn easily and can darken for months. A few "
        "simple habits protect your result.",
        "days_ago": 44,
        "authors": [NURSE],
        "reviewer": SURGEON,
        "categories": ["recovery", "non-surgical"],
        "tags": ["sun care", "scars", "recovery tips"],
        "hero": 1,
        "body": [
            p(
                "Healing skin produces pigment more readily than skin that has settled. A "
                "scar that is sunburned in the first months can stay darker than the skin "
                "around it for a long time."
            ),
            h2("For the first twelve weeks"),
            bullets(
                "Wear a wide-brimmed hat and sunglasses outdoors.",
                "Once incisions have closed, use a mineral sunscreen of SPF 30 or higher.",
                "Reapply every two hours outside, and after swimming or sweating.",
            ),
            h2("After that"),
            p(
                "Daily sunscreen remains the most effective thing you can do for the skin of "
                "your face. It also makes non-surgical treatments last longer."
            ),
            faq(
                (
                    "Is car or office window light a problem?",
                    "Glass blocks much but not all ultraviolet light. If you sit by a window "
                    "for hours, wear sunscreen indoors too.",
                ),
            ),
        ],
    },
    {
        "slug": "swelling-after-surgery-what-is-normal",
        "title": "Swelling after surgery: what is normal and what is not",
        "lede": "Swelling is part of healing. Knowing its usual timeline makes the first "
        "weeks much less worrying.",
        "days_ago": 51,
        "authors": [NURSE],
        "reviewer": SURGEON,
        "categories": ["recovery"],
        "tags": ["swelling", "recovery tips"],
        "hero": 2,
        "body": [
            p(
                "After any facial procedure, fluid gathers in the tissues while small blood "
                "vessels and lymph channels recover. Gravity moves it downwards, so swelling "
                "from a brow lift often shows around the eyes a few days later."
            ),
            h2("A typical timeline"),
            bullets(
                "Days two to three: swelling peaks.",
                "Weeks one to two: most visible swelling settles.",
                "Months three to six: the last subtle firmness fades.",
            ),
            h2("When to call us"),
            p(
                "Swelling that is much worse on one side, warm and painful, or that appears "
                "suddenly after the first week should be checked the same day."
            ),
        ],
    },
    {
        "slug": "neuromodulators-and-natural-expression",
        "title": "Keeping natural expression with neuromodulators",
        "lede": "The frozen look comes from dose and placement, not from the treatment itself. "
        "Smaller, well-placed doses keep faces expressive.",
        "days_ago": 58,
        "authors": [NURSE],
        "reviewer": SURGEON,
        "categories": ["non-surgical", "faces-and-expression"],
        "tags": ["neuromodulators", "expressions"],
        "hero": 3,
        "body": [
            p(
                "Each muscle of the face pulls in a particular direction, and expressions "
                "come from the balance between them. Relax one completely and its opposite "
                "takes over, which is how brows end up arched too high."
            ),
            h2("Our approach"),
            bullets(
                "Watch the face in conversation before marking any point.",
                "Use the lowest dose that softens the line you notice most.",
                "Review after two weeks and adjust rather than overtreat.",
            ),
            quote("If friends notice you look well but cannot say why, the dose was right."),
        ],
    },
    {
        "slug": "lower-eyelid-bags-options",
        "title": "Lower eyelid bags: surgery, filler or neither?",
        "lede": "Puffiness under the eyes can come from fat, fluid or a hollow next to it. "
        "The cause decides the treatment.",
        "days_ago": 65,
        "authors": [SURGEON],
        "reviewer": SURGEON,
        "categories": ["surgery", "non-surgical"],
        "tags": ["eyelids", "fillers", "eyes"],
        "hero": 4,
        "body": [
            p(
                "Bags that are worse in the morning and better by evening are usually fluid, "
                "and respond to sleep, salt and allergy care more than to any procedure."
            ),
            h2("When filler helps"),
            p(
                "A hollow below the bag can make it look larger. A small amount of filler in "
                "the hollow can blend the two, though it suits thicker skin best."
            ),
            h2("When surgery helps"),
            p(
                "Fat that bulges forward all day is best repositioned or reduced through an "
                "incision inside the lid, which leaves no visible scar."
            ),
            faq(
                (
                    "How long is recovery from lower lid surgery?",
                    "Plan on ten to fourteen days before you feel comfortable in public.",
                ),
                (
                    "Can filler make bags worse?",
                    "Yes, if it is placed too close to the surface or the area holds fluid. "
                    "That is why we assess carefully before suggesting it.",
                ),
            ),
        ],
    },
    {
        "slug": "preparing-for-your-consultation",
        "title": "Preparing for your first consultation",
        "lede": "A little preparation turns a consultation into a useful planning session. "
        "Here is what to bring and what to think about beforehand.",
        "days_ago": 72,
        "authors": [SURGEON, NURSE],
        "reviewer": None,
        "categories": ["planning-your-care"],
        "tags": ["consultation"],
        "hero": 0,
        "body": [
            h2("Bring"),
            bullets(
                "A list of medicines and supplements, including fish oil and vitamin E.",
                "Photographs of yourself from ten or fifteen years ago, if you have them.",
                "Questions written down, so none are forgotten.",
            ),
            h2("Think about"),
            p(
                "What bothers you most when you see yourself in photographs or on video "
                "calls, how much recovery time you can take, and whether any events are "
                "coming up that you would like to look your best for."
            ),
            cta("Ready when you are", "Book in Beverly Hills, Santa Monica or by video."),
        ],
    },
    {
        "slug": "scar-care-after-facial-surgery",
        "title": "Scar care after facial surgery",
        "lede": "Facial scars heal well when they are protected, kept moist and left alone. "
        "Here is a simple routine for the first six months.",
        "days_ago": 79,
        "authors": [NURSE],
        "reviewer": SURGEON,
        "categories": ["recovery"],
        "tags": ["scars", "sun care", "recovery tips"],
        "hero": 1,
        "body": [
            p(
                "Facial skin has a generous blood supply and usually heals quickly, but scars "
                "go on changing for up to a year. Most of that time they simply need "
                "protection."
            ),
            figure(2, "", decorative=True),
            h2("A simple routine"),
            bullets(
                "Keep incisions clean and lightly moist with the ointment we provide.",
                "After two to three weeks, start silicone gel twice a day.",
                "Massage gently once the scar is firm and painless.",
                "Protect from the sun every day.",
            ),
            p(
                "Redness is normal for several months. If a scar becomes raised or itchy, "
                "come in early; a thickening scar is easiest to treat when caught soon."
            ),
        ],
    },
]

# A draft the editor has submitted to the Medical review workflow: waiting for a physician.
AWAITING_REVIEW = {
    "slug": "swelling-after-rhinoplasty-month-by-month",
    "title": "Swelling after rhinoplasty, month by month",
    "lede": "Most swelling settles in weeks, the last of it over a year. Knowing the usual "
    "pace makes the mirror easier to live with.",
    "days_ago": 0,
    "authors": [NURSE],
    "categories": ["recovery"],
    "tags": ["recovery tips", "swelling"],
    "hero": 2,
    "body": [
        h2("The first two weeks"),
        p(
            "The splint comes off after about a week. The nose then looks wider and higher "
            "than it will: that is fluid in the soft tissue, not the new shape. Sleeping with "
            "the head raised and cool compresses on the cheeks, never on the nose, help most.",
        ),
        h2("One to three months"),
        p(
            "The bridge usually settles first and the tip last. Mornings look puffier than "
            "evenings. Glasses rest on tape or on the cheeks until the surgeon says otherwise.",
        ),
        h2("Up to a year"),
        p(
            "The tip keeps refining slowly, more so with thicker skin. Judge the result at "
            "your one-year visit, and bring any question to a follow-up before then.",
        ),
    ],
}
