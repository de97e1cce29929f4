// PassimServerTests: placeholder until the tests land.
