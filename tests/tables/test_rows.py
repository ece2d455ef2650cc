def test_booklets_printed_out_of_register_keep_unit_and_range_with_their_row(tmp_path):
    """Unit and range printed half a row above (or below) their values stay with that row."""
    import random

    from checkup2action.pipeline import ingest
    from checkup2action.samples.generator import generate
    from checkup2action.samples.scoring import score_document

    def register(seed):
        rng = random.Random(f"zh_hant_booklet:{seed}:register")
        return rng.choice([0.45, -0.45]) if rng.random() < 0.3 else 0.0

    seeds = {register(s): s for s in range(12)}
    assert {0.45, -0.45} <= set(seeds)
    for shift in (0.45, -0.45):
        gen = generate("zh_hant_booklet", seeds[shift])
        path = tmp_path / f"b{seeds[shift]}.pdf"
        path.write_bytes(gen.pdf)
        summary = score_document(gen.truth, ingest(path).model_dump(mode="json")).summary()
        assert summary["recall"] == 1.0 and summary["unit"] == 1.0 and summary["range"] == 1.0
