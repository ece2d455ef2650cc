def test_a_body_measurement_glossed_with_its_unit() -> None:
    from checkup2action.grammar.catalogue import load_catalogue

    catalogue = load_catalogue()
    for name, code in [("Height (cm)", "HEIGHT"), ("체중(kg)", "WEIGHT"), ("腰围(cm)", "WAIST")]:
        hit = catalogue.match(name)
        assert hit is not None and hit.code == code, name
