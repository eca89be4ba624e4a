"""What the three ways of serving the engine (HTTP, the CLI, the archive batch) share, below all three:
settings (:mod:`.settings`), errors with a status and a code (:mod:`.errors`), turning a document into
the text to parse (:mod:`.inputs`, with HTML: :mod:`.text`), the v1 JSON contract (:mod:`.schemas`),
time limits (:mod:`.deadline`), memory care (:mod:`.memory`) and the Stanza pipeline loader
(:mod:`.nlp`). Nothing here imports a web framework.
"""
