"""explainer: compile a story's facts (events.yaml) into a cross-linked explainer site.

The pipeline, one module per stage:

    load      YAML text -> located node tree (every value keeps its line and column)
    model     node tree -> typed, frozen Story (structure and types checked)
    crossref  Story -> Catalog (ids resolved, indexes such as actor -> events built once)
    render    Catalog -> {page path: Markdown} through one Jinja template per page type

`compile.compile_story` runs them all; `plugin` (MkDocs) and `cli` are thin adapters.
"""

__version__ = "0.1.0"
