// PassimCoreTests: placeholder until the tests land.
