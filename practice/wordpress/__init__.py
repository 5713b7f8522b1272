"""The WordPress import: a WXR export and a copy of its uploads folder become blog articles,
content pages, authors, topics, images and permanent redirects (docs/wordpress-import.md).

`wxr` reads the export as a stream, `markup` turns WordPress's markup into clean HTML,
`blocks` turns that into StreamField blocks, `media` finds uploads on disk, `pages` writes the
pages, `redirects` answers the old addresses, `report` counts it all and `importer` runs the
passes in order."""
