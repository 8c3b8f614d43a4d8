SHARED = True
