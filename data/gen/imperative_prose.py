"""Everyday English, much of it imperative sentences: dictation.

A plain imperative sentence about the physical world ("Keep your eyes on the ball.") is text
to type, not an instruction to the computer. These families give the model many such
sentences across sports, cooking, gardening, crafts, travel, parenting and home life,
plus descriptions and sayings with a wide vocabulary. Written for this project.
"""

from __future__ import annotations

import random

from common import Item

D = "dictation"
PROSE_KINDS = {
    "document": 4,
    "chat": 2.5,
    "mail": 2,
    "editor": 0.8,
    "terminal": 0.3,
    "browser": 0.4,
    "other": 0.4,
}

# Each domain: (heads, tails). Any head reads naturally with any tail of its domain.
IMPERATIVE_DOMAINS: dict[str, tuple[list[str], list[str]]] = {
    "sports": (
        [
            "Bend your knees before the jump",
            "Keep your eyes on the ball",
            "Pass it to the winger",
            "Bend your knees",
            "Follow through with your swing",
            "Stay low on defence",
            "Run back and cover the goal",
            "Throw the ball to first base",
            "Hold the racket loosely",
            "Shoot from the edge of the box",
            "Keep your elbow up",
            "Breathe out as you lift",
            "Jog two laps around the track",
            "Stretch your hamstrings",
            "Catch it with both hands",
            "Aim for the far corner",
            "Dribble past the cones",
            "Serve into the left box",
        ],
        [
            "",
            "and don't look down",
            "like we practised on Tuesday",
            "before the whistle blows",
            "and keep your balance",
            "every single time",
            "as hard as you can",
            "until it feels natural",
            "and then take a breath",
            "when the coach tells you",
        ],
    ),
    "cooking": (
        [
            "Chop the onions finely",
            "Stir the sauce gently",
            "Whisk the eggs with a little milk",
            "Let the dough rest",
            "Preheat the oven to two hundred degrees",
            "Slice the tomatoes thinly",
            "Fold in the flour",
            "Season the soup with salt and pepper",
            "Brown the meat in small batches",
            "Rinse the rice",
            "Grate the cheese",
            "Melt the butter in a small pan",
            "Toast the bread lightly",
            "Squeeze half a lemon over it",
            "Roll out the pastry",
            "Simmer the beans",
            "Sprinkle the herbs on top",
            "Drain the pasta",
            "Knead the dough",
        ],
        [
            "",
            "for about ten minutes",
            "until it turns golden",
            "before you add the garlic",
            "and taste it as you go",
            "over a low heat",
            "while the water boils",
            "so it doesn't stick",
            "and cover the bowl with a towel",
            "just before serving",
        ],
    ),
    "garden": (
        [
            "Water the tomatoes",
            "Pull up the weeds by the fence",
            "Plant the bulbs",
            "Prune the roses",
            "Rake the leaves into a pile",
            "Mow the lawn",
            "Move the pots into the shade",
            "Cover the seedlings",
            "Spread the compost",
            "Dig a hole twice as wide as the roots",
            "Pick the ripe strawberries",
            "Tie the beans to the canes",
            "Feed the birds",
            "Sweep the patio",
            "Cut back the lavender",
        ],
        [
            "",
            "early in the morning",
            "before the frost comes",
            "after the rain stops",
            "once a week in summer",
            "and wear your gloves",
            "when the soil is dry",
            "before we go on holiday",
            "while it's still cool outside",
        ],
    ),
    "home": (
        [
            "Take the bins out",
            "Hang the washing on the line",
            "Fold the towels",
            "Close the curtains",
            "Open the window in the bedroom",
            "Wipe the kitchen counter",
            "Put the milk back in the fridge",
            "Feed the cat",
            "Walk the dog",
            "Lock the back door",
            "Turn off the lights downstairs",
            "Make your bed",
            "Empty the dishwasher",
            "Vacuum the stairs",
            "Water the plants in the hall",
            "Put your shoes by the door",
            "Leave the keys on the hook",
            "Pick up the parcel",
        ],
        [
            "",
            "before you go to bed",
            "when you get home",
            "after breakfast",
            "please",
            "as soon as you can",
            "before your grandmother arrives",
            "on your way out",
            "and don't forget this time",
            "before it gets dark",
        ],
    ),
    "crafts": (
        [
            "Sand the edges smooth",
            "Measure twice and cut once",
            "Thread the needle",
            "Glue the two pieces together",
            "Paint the first coat thinly",
            "Clamp the boards",
            "Knit two and purl two",
            "Drill a small pilot hole",
            "Mix the clay with a little water",
            "Press the seam flat",
            "Sketch the outline in pencil",
            "Varnish the table top",
            "Wrap the wire around the nail",
            "Trim the loose threads",
        ],
        [
            "",
            "and let it dry overnight",
            "before you start painting",
            "with a fine brush",
            "so the joint stays tight",
            "and take your time",
            "along the grain",
            "using the blue yarn",
            "before the glue sets",
        ],
    ),
    "travel": (
        [
            "Turn left at the bakery",
            "Take the second exit at the roundabout",
            "Follow the signs to the old town",
            "Keep walking until you reach the bridge",
            "Pack a warm jumper",
            "Bring your passport",
            "Book the tickets early",
            "Meet us at the main entrance",
            "Get off at the third stop",
            "Ask the driver for a receipt",
            "Wait for me by the fountain",
            "Cross the street at the lights",
            "Park behind the church",
            "Check the ferry times",
        ],
        [
            "",
            "and you'll see the hotel",
            "before the weekend",
            "if it starts raining",
            "around nine in the morning",
            "and call me when you arrive",
            "just in case",
            "because the queue gets long",
            "on the way back",
        ],
    ),
    "parenting": (
        [
            "Brush your teeth",
            "Put your coat on",
            "Finish your vegetables",
            "Say thank you to your aunt",
            "Hold my hand",
            "Tidy your room",
            "Share the crayons",
            "Wash your hands",
            "Pack your school bag",
            "Be gentle with the puppy",
            "Read one more chapter",
            "Put the toys back in the box",
            "Sit up straight at the table",
        ],
        [
            "",
            "right now",
            "before dinner",
            "before we leave",
            "and then you can play",
            "like a big kid",
            "please, sweetheart",
            "before your friends come over",
        ],
    ),
    "outdoors": (
        [
            "Pitch the tent on the flat ground",
            "Light the fire away from the trees",
            "Fill the water bottles",
            "Stay on the marked trail",
            "Paddle on the left side",
            "Tie the boat to the post",
            "Keep the map dry",
            "Watch out for loose rocks",
            "Zip up your jacket",
            "Put on more sun cream",
            "Climb slowly and test each hold",
            "Look at the clouds over the ridge",
        ],
        [
            "",
            "before the sun goes down",
            "and stay together",
            "if the wind picks up",
            "before we set off",
            "when we reach the top",
            "and keep an eye on the weather",
        ],
    ),
}


def imperative(rng: random.Random) -> list[Item]:
    out = set()
    for heads, tails in IMPERATIVE_DOMAINS.values():
        for h in heads:
            for t in rng.sample(tails, 3):
                sep = ", " if t == "please" or t.startswith("please") else " "
                text = h + (sep + t if t else "")
                end = "!" if rng.random() < 0.08 else "."
                out.add(text + end)
    return [Item(x, D, ("natural-prose", "imperative-prose"), "prose", PROSE_KINDS) for x in sorted(out)]


# --- descriptions: subject + attribute + detail ------------------------------------------

THINGS = [
    "The old clock in the hallway",
    "My grandfather's bicycle",
    "The blue teapot",
    "The wooden bridge over the stream",
    "Our neighbour's sunflower",
    "The lighthouse keeper",
    "The little fishing boat",
    "The library's reading room",
    "The stone wall by the field",
    "The cathedral bell",
    "The red kite above the meadow",
    "The mountain hut",
    "The bakery's sourdough",
    "The village choir",
    "The night train",
    "The school orchestra",
    "The copper kettle",
    "The wool blanket",
    "The marble staircase",
    "The farmer's dog",
    "The museum's oldest map",
    "The tiny island chapel",
    "The silver birch",
    "The market flower stall",
]
ATTRIBUTES = [
    "has stood there for more than a century",
    "still works perfectly",
    "was painted bright yellow last spring",
    "creaks whenever someone walks past",
    "smells faintly of cedar and smoke",
    "is older than anyone can remember",
    "needs a little care and attention",
    "was carried here by horse and cart",
    "survived two floods and a fire",
    "glows warmly in the afternoon light",
    "is everyone's favourite",
    "was a gift from a sailor",
    "is best seen from the hill",
    "sounds different in the winter",
    "attracts visitors from far away",
]


def descriptions(rng: random.Random) -> list[Item]:
    out = set()
    while len(out) < 300:
        out.add(f"{rng.choice(THINGS)} {rng.choice(ATTRIBUTES)}.")
    return [
        Item(x, D, ("natural-prose", "composed", "description"), "prose", PROSE_KINDS) for x in sorted(out)
    ]


# --- feelings and family --------------------------------------------------------------

FEELING_SUBJ = [
    "I",
    "My sister",
    "My dad",
    "Our son",
    "Grandma",
    "My best friend",
    "We",
    "The whole team",
    "My little brother",
    "Our teacher",
    "My aunt",
    "The twins",
]
FEELING_VERB = [
    "felt so proud",
    "was really nervous",
    "couldn't stop laughing",
    "got a bit emotional",
    "felt relieved",
    "was overjoyed",
    "felt homesick",
    "was completely exhausted",
    "felt grateful",
    "was a little disappointed",
    "felt calm for the first time in weeks",
    "was thrilled",
]
FEELING_WHEN = [
    "when the results came in",
    "at the end of the school play",
    "after the long drive home",
    "during the wedding speech",
    "when the puppy fell asleep on her lap",
    "as the plane touched down",
    "when we opened the old letters",
    "after finishing the marathon",
    "on the first day of the new job",
    "when the snow finally came",
    "watching the fireworks over the harbour",
    "at grandpa's ninetieth birthday",
]


def feelings(rng: random.Random) -> list[Item]:
    out = set()
    while len(out) < 300:
        out.add(f"{rng.choice(FEELING_SUBJ)} {rng.choice(FEELING_VERB)} {rng.choice(FEELING_WHEN)}.")
    return [Item(x, D, ("natural-prose", "composed", "feelings"), "prose", PROSE_KINDS) for x in sorted(out)]


# --- written sentences across topics -----------------------------------------------------

WRITTEN_MORE = [
    "Octopuses have three hearts and blue blood.",
    "The Romans built roads that are still used today.",
    "Honey never spoils if you keep it sealed.",
    "The printing press changed how ideas travelled across Europe.",
    "A single cloud can weigh more than a million kilograms.",
    "The Great Wall was built over many centuries by different dynasties.",
    "Sloths move so slowly that algae grows on their fur.",
    "Volcanic soil is some of the most fertile in the world.",
    "The first marathon runner supposedly collapsed after delivering his message.",
    "Bamboo can grow almost a metre in a single day.",
    "The Vikings reached North America long before Columbus.",
    "Light from the sun takes about eight minutes to reach us.",
    "Penguins propose to their partners with a pebble.",
    "Ancient Egyptians used honey to treat wounds.",
    "A teaspoon of soil holds more living things than there are people on Earth.",
    "The tomato was once thought to be poisonous in parts of Europe.",
    "Whales sing songs that can travel for hundreds of kilometres.",
    "The library of Alexandria was one of the wonders of the ancient world.",
    "Cut flowers last longer if you trim the stems every few days.",
    "A good knife is safer than a blunt one.",
    "Fresh basil turns black if you keep it in the fridge.",
    "Cast iron pans get better the more you use them.",
    "The secret to crispy potatoes is shaking them in the pan before roasting.",
    "Soak the beans overnight and they cook in half the time.",
    "She knitted a scarf for every child in the village.",
    "He carved a tiny bird from a piece of driftwood.",
    "The quilt was made from scraps of old dresses.",
    "My uncle builds model ships inside glass bottles.",
    "The pottery class meets every Thursday evening.",
    "We hiked to the waterfall and ate lunch on the rocks.",
    "The night market sells grilled corn and sweet pancakes.",
    "Our guide knew the name of every bird in the forest.",
    "The hostel had a rooftop terrace with a view of the old town.",
    "We missed the last bus and walked back under the stars.",
    "The crowd went silent as the penalty was taken.",
    "She swam across the bay in under an hour.",
    "The match was postponed because the pitch was flooded.",
    "He has run the same route every morning for twenty years.",
    "The cycling team trained in the mountains all winter.",
    "The home side scored twice in the last five minutes.",
    "My grandmother still writes letters with a fountain pen.",
    "The kids built a fort out of sofa cushions.",
    "Our family reunion is at the lake house this year.",
    "Dad burned the pancakes again but nobody minded.",
    "My cousin is learning to play the cello.",
    "The baby took her first steps on Sunday.",
    "I was so happy to hear your voice again.",
    "It's okay to feel tired after such a long week.",
    "He felt a wave of relief when the phone finally rang.",
    "Sometimes a quiet walk is the best medicine.",
    "She hid her nervousness behind a big smile.",
    "The old umbrella has a wooden handle shaped like a duck.",
    "The drawer is full of mismatched buttons and string.",
    "That lamp belonged to my great aunt.",
    "The map was folded so many times it tore along the creases.",
    "A chipped mug is still a perfectly good mug.",
    "Still waters run deep.",
    "Every cloud has a silver lining.",
    "Don't count your chickens before they hatch.",
    "A stitch in time saves nine.",
    "The early bird catches the worm.",
    "Many hands make light work.",
    "You can't judge a book by its cover.",
    "Better late than never.",
    "Practice makes perfect.",
    "Rome wasn't built in a day.",
    "When in Rome, do as the Romans do.",
    "Where there's a will, there's a way.",
    "Actions speak louder than words.",
    "Look before you leap.",
    "Don't put all your eggs in one basket.",
    "Necessity is the mother of invention.",
    "Absence makes the heart grow fonder.",
    "Beauty is in the eye of the beholder.",
    "An apple a day keeps the doctor away.",
    "Never look a gift horse in the mouth.",
    "Strike while the iron is hot.",
    "The grass is always greener on the other side.",
    "Too many cooks spoil the broth.",
    "Curiosity killed the cat.",
    "Bees communicate by dancing in the hive.",
    "The moon is slowly drifting away from the Earth.",
    "Salt was once so valuable that it was used as money.",
    "Coral reefs cover a tiny part of the ocean floor but shelter a quarter of sea life.",
    "Most of the dust in your house comes from outside.",
    "The Eiffel Tower grows a little taller in the summer heat.",
    "Cats sleep for most of the day.",
    "The oldest known recipe is for beer.",
    "Sharks existed before trees did.",
    "Glass is made mostly from sand.",
    "Bring a jumper, it gets chilly by the sea.",
    "Don't forget to thank the host before you leave.",
    "Remember to buy candles for the cake.",
    "Try the soup, it's even better the next day.",
    "Give the paint a good stir before you use it.",
    "Keep the receipt in case the shoes don't fit.",
    "Turn the mattress every few months.",
    "Let the kettle cool before you descale it.",
    "Tell your brother dinner is at seven.",
    "Ask the neighbours if they've seen the cat.",
]


def written_more(rng: random.Random) -> list[Item]:
    return [Item(x, D, ("natural-prose", "written"), "prose", PROSE_KINDS) for x in WRITTEN_MORE]


FAMILIES = [
    ("prose-imperative", 330, imperative, None),
    ("prose-descriptions", 200, descriptions, None),
    ("prose-feelings", 200, feelings, None),
    ("prose-written-more", 110, written_more, None),
]
