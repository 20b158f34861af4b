from tests.conftest import SOURCE  # noqa: F401  (the ingestion tests import it from here)
