// PassimQueryTests: placeholder until the tests land.
