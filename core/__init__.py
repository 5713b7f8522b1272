"""The site core below the domain apps: site settings, navigation, blocks, JSON-LD, languages, SEO.

Also the practice's name per language (`PracticeIdentity`), the helpers every app's demo
content uses, and `compile_translations`. It imports no domain app (make lint checks).
"""
