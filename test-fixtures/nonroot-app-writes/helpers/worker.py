import helpers

helpers.run()
