from mypkg import thing
print(thing)
