// PassimXapianTests: placeholder until the tests land.
