def test_add_then_list(fan):
    assert fan("add", "Walked her to the car", "-c", "Anna").exit_code == 0
    result = fan("list", "--format", "json")
    assert '"customer": "Anna"' in result.stdout
