"""x"""

def assert_reflows(*a):
    pass
