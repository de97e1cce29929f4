// PassimArticlesTests: placeholder until the tests land.
