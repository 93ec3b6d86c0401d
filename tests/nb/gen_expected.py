#!/usr/bin/python3
"""Writes good/NAME.expected.json for each good/*.ipynb: what nbformat hands
jupytext (nbformat.read(path, as_version=4), then jupytext's drops), reduced to
the fields tito_nb keeps, serialised with json.dumps defaults.

Run: cd tests/nb && /usr/bin/python3 gen_expected.py   (Debian nbformat 5.5)
"""
import glob, json, nbformat

for path in sorted(glob.glob('good/*.ipynb')):
    nb = nbformat.read(path, as_version=4)
    md = dict(nb.metadata)
    for k in ('orig_nbformat', 'orig_nbformat_minor', 'signature'):
        md.pop(k, None)
    cells = []
    for c in nb.cells:
        cmd = dict(c.metadata)
        cmd.pop('trusted', None)
        cells.append({'cell_type': c.cell_type, 'id': c.get('id'), 'metadata': cmd,
                      'source': c.source})
    out = {'nbformat_minor': nb.nbformat_minor, 'metadata': md, 'cells': cells}
    with open(path[:-len('.ipynb')] + '.expected.json', 'w') as f:
        f.write(json.dumps(out))
