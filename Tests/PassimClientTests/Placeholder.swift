// PassimClientTests: placeholder until the tests land.
