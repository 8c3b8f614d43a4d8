def test_missing_file(docker):
    with pytest.raises(BuildError, match="COPY failed"):
        build_image("tests/docker/contexts/missing-file")
