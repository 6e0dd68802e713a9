from . import test_patronage_approval
