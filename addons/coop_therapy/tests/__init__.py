from . import test_licensure_pure
from . import test_licensure
from . import test_suite
