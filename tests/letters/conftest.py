from tests.applications.conftest import draft, program

__all__ = ["draft", "program"]
