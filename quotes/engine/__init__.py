"""The extraction engine: one pipeline from text to attributions, shared by HTTP, the CLI and the batch.

text -> Stanza parse (:mod:`.parse`, bulk and selective: :mod:`.selective`, with :mod:`.decoder`
and :mod:`.speedups`) -> quotation marks (:mod:`.quotemarks`) and cues (:mod:`.cues`) ->
candidates (:mod:`.candidates`) -> the ordered sieves (:mod:`.sieves`, :mod:`.learned`) ->
speakers (:mod:`.speakers`) and who they are (:mod:`.entities`, :mod:`.resolvers`,
:mod:`.names`, :mod:`.roles`) -> the result (:mod:`.model`), all run by :func:`.extract.extract`.

The engine imports nothing from the rest of the package (an import-linter contract in
pyproject.toml checks it), and no web, batch or storage library.
"""
