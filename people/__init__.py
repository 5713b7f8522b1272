"""The people the site names: authors and physicians' profiles, and the clinicians patients book."""
