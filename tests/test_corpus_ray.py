"""The Ray engine gives the same groups as the local engine: a local Ray runtime is started
on a generated crawl (JSONL and loose text files, with planted copy families). Skipped when
Ray is not installed (pip install 'factdiff[ray]')."""

from __future__ import annotations

import json

import pytest

ray = pytest.importorskip("ray")


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    from factdiff.corpus.synthetic import corpus

    root = tmp_path_factory.mktemp("crawl")
    docs = list(corpus(120, seed=7))
    with (root / "a.jsonl").open("w") as f:
        for d in docs[:80]:
            f.write(json.dumps({"id": d.id, "text": d.text}) + "\n")
    loose = root / "pages"
    loose.mkdir()
    for d in docs[80:]:
        (loose / f"{d.id}.txt").write_text(d.text)
    (loose / "empty.txt").write_text("")
    return root, docs


@pytest.mark.slow
def test_ray_and_local_engines_give_identical_groups_and_second_reads(crawl):
    from functools import partial

    from factdiff.corpus import group_sketches
    from factdiff.corpus.engine import LocalEngine, RayEngine
    from factdiff.corpus.scan import read_wanted, wanted_per_unit
    from factdiff.options import Options

    root, docs = crawl
    options = Options()
    copies = list(range(0, 120, 3))  # the second pass of scan: these documents, by index

    def second_pass(engine, corpus):
        wanted = wanted_per_unit(corpus.unit_sizes, copies)
        found = engine.map_units(
            partial(read_wanted, options=options), [str(root)], options, wanted
        )
        return [(i, d.id, d.text) for unit in found for i, d in unit]

    try:
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
        engine = RayEngine()
        remote = engine.sketch([str(root)], options, seed=0)
        remote_again = second_pass(engine, remote)
    finally:
        ray.shutdown()
    local = LocalEngine(2).sketch([str(root)], options, seed=0)
    local_again = second_pass(LocalEngine(2), local)
    assert remote_again == local_again
    assert [i for i, _, _ in local_again] == copies
    assert all(local.docs[i].doc == doc for i, doc, _ in local_again)

    def grouping(c):
        return group_sketches([d.doc for d in c.docs], [d.source for d in c.docs], c.sketches)[0]

    assert [d.doc for d in remote.docs] == [d.doc for d in local.docs]
    assert len(remote.docs) == len(docs)
    assert [e.code for e in remote.errors] == [e.code for e in local.errors] == ["empty"]
    g_ray, g_local = grouping(remote), grouping(local)
    assert g_ray == g_local
    family = {d.doc: d.doc.rsplit("/", 1)[-1].removesuffix(".txt").split("-")[0]
              for d in local.docs}  # fmt: skip
    by_story: dict[int, set[str]] = {}
    for doc, story in zip(g_local.docs, g_local.story, strict=True):
        by_story.setdefault(story, set()).add(family[doc])
    assert all(len(f) == 1 for f in by_story.values())  # no story mixes two families
    assert len(by_story) == len({d.story for d in docs})  # and none is split
