"""The prefilter that picks which lone pages of a crawl are compared alone."""

from factdiff.corpus.echo import restates_itself

CAPTION = "Rescuers pulled eleven fishermen from the sea after their trawler sank on Sunday."
REWRITE = "Rescuers pulled fifteen fishermen out of the sea when their trawler went down Sunday."


def test_a_caption_followed_by_its_rewrite_restates_itself():
    assert restates_itself(f"{CAPTION}\n\n{REWRITE}\n\nPeople gathered on the quay.")


def test_an_ordinary_article_does_not():
    text = (
        "Rescuers pulled eleven fishermen from the cold sea after their trawler sank on Sunday. "
        "The coastguard said the storm had been forecast for days. "
        "A fund for the families of the crew has raised four thousand pounds."
    )
    assert not restates_itself(text)


def test_a_rewrite_too_far_away_or_a_repeated_sentence_does_not():
    filler = " ".join(f"Filler sentence {n} about something else entirely." for n in range(4))
    assert not restates_itself(f"{CAPTION} {filler} {REWRITE}")
    assert not restates_itself(f"{CAPTION} {CAPTION}")  # word for word: nothing to compare
    assert not restates_itself("")


def test_every_spun_content_farm_page_passes_and_few_news_articles_do(shared_data):
    """The figures in echo.py and the README: all 24 spun dev pages restate themselves; of
    FRANK's news articles about one in nine does (compared for nothing: time, not accuracy)."""
    import json

    pages = sorted((shared_data / "spun" / "dev").glob("dev-*/page.txt"))
    assert len(pages) == 24 and all(restates_itself(p.read_text()) for p in pages)
    rows = (shared_data / "frank" / "frank_valid.jsonl").read_text().splitlines()
    articles = {json.loads(r)["article"] for r in rows}
    share = sum(map(restates_itself, articles)) / len(articles)
    print(f"FRANK articles that restate themselves: {share:.3f}")
    assert share < 0.15
