"""Demo procedures for `manage.py seed_demo`: original text written for this site. General
information only, as a practice would publish it; not medical advice."""


def step(amount, unit, title, text):
    return {"type": "step", "value": {"amount": amount, "unit": unit, "title": title, "text": text}}


def qa(question, answer):
    return {"type": "question", "value": {"question": question, "answer": f"<p>{answer}</p>"}}


PROCEDURES = [
    {
        "slug": "eyelid-surgery",
        "title": "Eyelid surgery",
        "kind": "surgical",
        "body_location": "Upper and lower eyelids",
        "summary": "Blepharoplasty removes excess skin from the upper lids and smooths bags under "
        "the eyes, so the eyes look rested without looking changed.",
        "who_it_suits": "<p>People whose upper lid skin folds onto the lashes or narrows their "
        "field of view, and people with puffiness under the eyes that stays whatever they do. "
        "Dry eye, thyroid eye disease or a recent laser eye procedure need to be discussed "
        "first.</p>",
        "how_it_is_done": "<p>Usually under local anaesthesia with light sedation, in about an "
        "hour for the upper lids and up to two hours for both. Upper lid incisions follow the "
        "natural crease; lower lid fat is often reached from inside the lid, leaving no visible "
        "scar.</p>",
        "preparation": "<p>Stop smoking at least four weeks before. We will tell you which "
        "supplements and blood thinners to pause, and you will need someone to drive you home "
        "and stay the first night.</p>",
        "recovery": [
            step(
                0,
                "day",
                "Rest with your head raised",
                "Cold compresses every hour you are awake keep the swelling down.",
            ),
            step(
                1,
                "week",
                "Stitches out",
                "Most bruising has faded to yellow; light make-up is fine from day ten.",
            ),
            step(
                2,
                "week",
                "Back to work",
                "Most people return to desk work and screens without discomfort.",
            ),
            step(
                3,
                "month",
                "Settled result",
                "The crease scar has faded to a fine line that sits in the fold.",
            ),
        ],
        "risks": "<p>Temporary dry or watery eyes, blurred vision for a few days, asymmetry, "
        "and rarely difficulty closing the eyes fully. Bleeding behind the eye is rare and "
        "needs urgent care; we explain the signs before you go home.</p>",
        "price_from": 4500,
        "price_to": 8500,
        "price_note": "Upper lids alone are at the lower end; includes facility fees.",
        "faq": [
            qa(
                "Will my eyes look different?",
                "The aim is that they look like yours on a good day: the shape of the eye is kept.",
            ),
            qa(
                "Is it covered by insurance?",
                "Only when drooping skin blocks your vision and a "
                "visual field test shows it; we can arrange the test.",
            ),
        ],
    },
    {
        "slug": "rhinoplasty",
        "title": "Rhinoplasty",
        "kind": "surgical",
        "body_location": "Nose",
        "summary": "Reshaping the nose for balance with the rest of the face, and where needed "
        "improving breathing at the same time.",
        "who_it_suits": "<p>Adults whose nose has finished growing (about 16 for girls, 18 for "
        "boys) who want a specific change, such as a smoother bridge or a refined tip, and "
        "people whose breathing is blocked by a deviated septum.</p>",
        "how_it_is_done": "<p>Under general anaesthesia, in two to four hours. An open approach "
        "uses a small incision across the skin between the nostrils; a closed approach works "
        "entirely inside the nose. Cartilage and bone are reshaped rather than simply "
        "removed.</p>",
        "preparation": "<p>Bring photos that show what you like and dislike. Stop smoking four "
        "weeks before and avoid aspirin and fish oil for two weeks.</p>",
        "recovery": [
            step(
                1,
                "week",
                "Splint off",
                "The external splint and any stitches come off; "
                "the nose looks swollen but presentable.",
            ),
            step(
                3,
                "week",
                "Exercise again",
                "Light exercise can restart; avoid glasses resting on the bridge.",
            ),
            step(
                12,
                "month",
                "Final shape",
                "Tip swelling is the last to go and can take a full year.",
            ),
        ],
        "risks": "<p>Breathing changes, numbness of the tip, asymmetry and the chance that a "
        "small revision is wanted later. Nosebleeds in the first days are common.</p>",
        "price_from": 9000,
        "price_to": 16000,
        "price_note": "Revision rhinoplasty is priced after the consultation.",
        "faq": [
            qa(
                "Can you show me what I will look like?",
                "We use photo simulation in the "
                "consultation to agree on goals; it is a guide, not a promise.",
            ),
        ],
    },
    {
        "slug": "facelift",
        "title": "Facelift and neck lift",
        "kind": "surgical",
        "body_location": "Lower face, jawline and neck",
        "summary": "Repositions the deeper tissues of the lower face and neck to restore a "
        "clean jawline, with incisions hidden around the ears.",
        "who_it_suits": "<p>People with jowls, loose neck skin or deep folds from nose to mouth "
        "who are in good general health. It does not change fine wrinkles or skin texture.</p>",
        "how_it_is_done": "<p>Under general anaesthesia or deep sedation, in three to five hours. "
        "The layer under the skin is lifted and secured, and the skin is then redraped without "
        "tension, which keeps the result natural and the scars fine.</p>",
        "preparation": "<p>A medical check with your doctor, blood pressure under control, and "
        "no smoking or nicotine for six weeks before and after.</p>",
        "recovery": [
            step(
                0,
                "day",
                "Overnight care",
                "A dressing and small drains stay overnight; a nurse checks on you.",
            ),
            step(
                2,
                "week",
                "Out in public",
                "Swelling and bruising are mostly gone; scars are hidden by hair.",
            ),
            step(6, "month", "Settled", "Numbness around the ears returns to normal."),
        ],
        "risks": "<p>Bleeding under the skin, numbness, visible or widened scars, hair loss at "
        "the incisions and, rarely, weakness of a facial muscle, usually temporary.</p>",
        "price_from": 18000,
        "price_to": 32000,
        "price_note": "",
        "faq": [
            qa(
                "How long does a facelift last?",
                "The face keeps ageing, but most people still "
                "look younger than they would have ten years later.",
            ),
        ],
    },
    {
        "slug": "brow-lift",
        "title": "Brow lift",
        "kind": "surgical",
        "body_location": "Forehead and brows",
        "summary": "Lifts low or heavy brows to open the upper face and soften a tired or "
        "frowning look.",
        "who_it_suits": "<p>People whose brows sit low and push skin onto the upper lids. It is "
        "often combined with eyelid surgery; lifting the brow alone sometimes makes lid surgery "
        "unnecessary.</p>",
        "how_it_is_done": "<p>Through short incisions behind the hairline, using a small camera "
        "(endoscopic), or at the temples for the outer brow only. About an hour and a half "
        "under sedation or general anaesthesia.</p>",
        "preparation": "<p>Keep your usual hair length so the scalp incisions are covered. "
        "Pause blood thinners as we advise.</p>",
        "recovery": [
            step(
                1, "week", "Staples out", "Forehead swelling moves down towards the eyes and fades."
            ),
            step(3, "week", "Normal routine", "Hair washing and gentle styling are fine."),
            step(3, "month", "Final brow position", "The scalp feels normal again."),
        ],
        "risks": "<p>Numbness of the scalp, an over-surprised look if lifted too far (we avoid "
        "it), asymmetry and hair thinning along the incisions.</p>",
        "price_from": 7000,
        "price_to": 11000,
        "price_note": "",
        "faq": [
            qa(
                "Will I look surprised?",
                "Not when the brow is set where it sat when you were "
                "younger; we plan the height together.",
            ),
        ],
    },
    {
        "slug": "dermal-fillers",
        "title": "Dermal fillers",
        "kind": "percutaneous",
        "body_location": "Cheeks, lips, under-eye hollows and jawline",
        "summary": "Hyaluronic acid gel injected to restore lost volume or define contours, with "
        "results you see the same day.",
        "who_it_suits": "<p>People who want subtle volume in the cheeks or lips, smoother "
        "hollows under the eyes or a sharper jawline without surgery. Not during pregnancy or "
        "an active skin infection.</p>",
        "how_it_is_done": "<p>In a 30 to 45 minute visit, with numbing cream and fine needles "
        "or a blunt cannula. The gel contains a local anaesthetic.</p>",
        "preparation": "<p>Avoid alcohol and anti-inflammatory painkillers for two days before to "
        "reduce bruising. Tell us about any previous fillers.</p>",
        "recovery": [
            step(0, "day", "Back to your day", "Small swellings or pinpricks settle within hours."),
            step(2, "week", "Review", "We check the result and add a little if needed."),
            step(
                9,
                "month",
                "Gradual softening",
                "The gel is slowly absorbed; many top up after 9 to 18 months.",
            ),
        ],
        "risks": "<p>Bruising, swelling and lumps that can be massaged. Rarely, filler blocks a "
        "blood vessel; we carry the enzyme that dissolves it and explain the warning signs.</p>",
        "price_from": 750,
        "price_to": 1500,
        "price_note": "Per syringe.",
        "faq": [
            qa(
                "Can fillers be reversed?",
                "Hyaluronic acid fillers can be dissolved with an enzyme within a day.",
            ),
        ],
    },
    {
        "slug": "wrinkle-relaxing-injections",
        "title": "Wrinkle-relaxing injections",
        "kind": "percutaneous",
        "body_location": "Forehead, frown lines and crow's feet",
        "summary": "Neuromodulator injections relax the muscles that crease the skin, softening "
        "lines while keeping your expressions.",
        "who_it_suits": "<p>People bothered by frown lines, forehead lines or crow's feet, and "
        "some with a gummy smile or a tense jaw. Not during pregnancy or breastfeeding, or with "
        "some nerve and muscle conditions.</p>",
        "how_it_is_done": "<p>A fifteen-minute visit with a few tiny injections; no numbing is "
        "usually needed.</p>",
        "preparation": "<p>Come without make-up on the area if you can. Plan it at least two "
        "weeks before an event.</p>",
        "recovery": [
            step(
                0,
                "day",
                "Stay upright",
                "Avoid lying down, rubbing the area or hard exercise for four hours.",
            ),
            step(2, "week", "Full effect", "The effect builds over two weeks; we review it then."),
            step(
                3, "month", "Wearing off", "Movement returns gradually after three to four months."
            ),
        ],
        "risks": "<p>Small bruises, a headache, and rarely a temporarily heavy brow or lid, "
        "which wears off.</p>",
        "price_from": 400,
        "price_to": 900,
        "price_note": "Depends on the areas treated.",
        "faq": [
            qa(
                "Will I still be able to frown?",
                "We aim for softened lines, not a frozen face; a lighter dose keeps more movement.",
            ),
        ],
    },
]

# Articles (blog demo slugs) and the procedures they are about.
ARTICLE_PROCEDURES = {
    "upper-eyelid-surgery-guide": ["eyelid-surgery"],
    "first-two-weeks-after-eyelid-surgery": ["eyelid-surgery"],
    "lower-eyelid-bags-options": ["eyelid-surgery", "dermal-fillers"],
    "brow-lift-explained": ["brow-lift"],
    "fillers-or-neuromodulators": ["dermal-fillers", "wrinkle-relaxing-injections"],
    "neuromodulators-and-natural-expression": ["wrinkle-relaxing-injections"],
}
