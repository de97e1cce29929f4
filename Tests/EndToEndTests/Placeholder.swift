// EndToEndTests: placeholder until the tests land.
