from . import test_patronage_approval
from . import test_revolving_approval
from . import test_spanish
