"""The editors' fixtures (accounts in their roles, a small 2021 edition) for the hostile-input tests."""
from tests.admin.conftest import (  # noqa: F401
    book,
    chief,
    chief_client,
    editor,
    editor2,
    editor_client,
    roles,
)
