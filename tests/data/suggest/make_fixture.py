# ruff: noqa: E501  (article paragraphs are long lines)
"""Writes the made-up site "The Lakeside Ledger" (lakesideledger.test): six article pages
as a scraper would dump them, sharing the site's template. Run once; the output is committed.

ARTICLES holds each page's own lines; everything else on a page is template furniture.
tests/test_suggest.py reads ARTICLES and FURNITURE from here to know which is which.
"""

from pathlib import Path

TOP = [
    "Skip to content",
    "The Lakeside Ledger",
    "Local news since 1921",
    "Subscribe for $1 a week",
    "Local",
    "Council",
    "Schools",
    "Sports",
    "Opinion",
]
NEWSLETTER = [
    "Sign up for The Morning Ledger",
    "Get the day's local headlines in your inbox at 6am.",
]
BOTTOM = [
    "Most read",
]
FOOTER = [
    "About the Ledger",
    "Contact the newsroom",
    "Corrections policy",
    "© 2025 Lakeside Ledger Media. All rights reserved.",
]
# Lines that recur with a different number on each page.
WEATHER = "Lakeside {}°C"
READ_TIME = "Published {}.03.2025 · {} min read"

ARTICLES = {
    "ferry-timetable": [
        "Ferry timetable cut to four crossings a day",
        "The island ferry will run four crossings a day from April, down from seven, the operator announced on Tuesday.",
        "Commuters who rely on the 7:15 service said the change would cost them an hour each way.",
        "A spokesman blamed a shortage of licensed skippers and the cost of repairing the older of the two boats.",
        "Why fewer boats",
        "Only three skippers hold the licence the larger boat needs, and one retires in May.",
    ],
    "library-roof": [
        "Library roof repairs to close reading room until summer",
        "Water came through the reading room ceiling twice in February, damaging about 300 books.",
        "The council approved £240,000 for a new roof at its meeting on Thursday night.",
        "Children's story hour moves to the community hall on Mill Street in the meantime.",
        "Librarians have been drying the damaged books page by page in the staff kitchen.",
    ],
    "rowing-club": [
        "Rowing club wins first regional title in 40 years",
        "The Lakeside Rowing Club's women's eight beat six crews to win the regional championship on Saturday.",
        "Coach Mara Ellison said the crew had trained on the lake at dawn since October.",
        "The club will now send a boat to the national finals for the first time since 1985.",
        "Eight rowers and a cox",
        "Five of the crew are still at school; the youngest is 16.",
    ],
    "school-lunches": [
        "Primary schools to cook lunches on site again",
        "All four primary schools will cook lunches in their own kitchens from September, ending a decade of deliveries.",
        "Parents had complained that food arrived lukewarm after the 40-minute drive from the central kitchen.",
        "The change will create eleven part-time cook jobs, the schools board said.",
    ],
    "bridge-closure": [
        "North bridge to close for three weekends of repairs",
        "The north bridge will close to cars on three weekends in April while crews replace its expansion joints.",
        "Buses will divert over the dam road, adding about ten minutes to the 12 and 14 routes.",
        "Pedestrians and cyclists can still cross on the east footway throughout the works.",
        "The joints were last replaced in 1998.",
    ],
    "market-hall": [
        "Market hall traders ask council for longer leases",
        "Traders at the covered market asked the council on Monday for ten-year leases instead of the current two.",
        "Short leases make it impossible to borrow money to refit a stall, said fishmonger Joe Adeyemi.",
        "The council's property committee will consider the request in June.",
        "Twenty-two of the hall's thirty stalls are let.",
    ],
}
# "Most read" lists other pages' headlines: furniture here, a headline there.
MOST_READ = {
    "ferry-timetable": ["rowing-club", "library-roof"],
    "library-roof": ["ferry-timetable", "bridge-closure"],
    "rowing-club": ["ferry-timetable", "market-hall"],
    "school-lunches": ["rowing-club", "bridge-closure"],
    "bridge-closure": ["library-roof", "market-hall"],
    "market-hall": ["ferry-timetable", "school-lunches"],
}
FURNITURE = TOP + NEWSLETTER + BOTTOM + FOOTER


def page(n: int, name: str) -> str:
    title, *body = ARTICLES[name]
    # Scrapers keep the page title and the headline: the headline comes twice.
    lines = [title] + TOP
    if n % 3 != 2:  # the weather widget is on four pages of the six
        lines.append(WEATHER.format(9 + n))
    lines += [title, READ_TIME.format(3 + n, 3 + n % 4)]
    middle = len(body) // 2
    lines += body[:middle] + NEWSLETTER + body[middle:]
    lines += BOTTOM + [ARTICLES[other][0] for other in MOST_READ[name]] + FOOTER
    return "\n\n".join(lines) + "\n"


if __name__ == "__main__":
    out = Path(__file__).parent / "lakesideledger"
    out.mkdir(exist_ok=True)
    for n, name in enumerate(ARTICLES):
        (out / f"{name}.txt").write_text(page(n, name), encoding="utf-8")
