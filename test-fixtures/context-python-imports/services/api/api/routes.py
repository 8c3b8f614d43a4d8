def build(*parts):
    return parts
