# ---
# jupyter:
#   jupytext:
#     notebook_metadata_filter: all
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.5.dev0
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   strings:
#     k00: -x
#     k01: '- x'
#     k02: '-'
#     k03: ?x
#     k04: '? x'
#     k05: '?'
#     k06: :x
#     k07: ': x'
#     k08: ':'
#     k09: a:b
#     k10: 'a: b'
#     k11: 'a:'
#     k12: a#b
#     k13: 'a #b'
#     k14: '#x'
#     k15: ',x'
#     k16: '[x'
#     k17: ']x'
#     k18: '{x'
#     k19: '}x'
#     k20: '&x'
#     k21: '*x'
#     k22: '!x'
#     k23: '|x'
#     k24: '>x'
#     k25: '''x'
#     k26: '"x'
#     k27: '%x'
#     k28: '@x'
#     k29: '`x'
#     k30: x'
#     k31: x"
#     k32: x,y
#     k33: x[y]
#     k34: x{y}
#     k35: x!
#     k36: x|y
#     k37: x>y
#     k38: x&y
#     k39: x*y
#     k40: x%
#     k41: x@y
#     k42: x`y
#     k43: '---'
#     k44: '---x'
#     k45: '--- x'
#     k46: '...'
#     k47: '...x'
#     k48: ..x
#     k49: --x
#     k50: a - b
#     k51: a ? b
#     k52: "a:\tb"
#     k53: 'x #'
#     k54: ' lead'
#     k55: 'trail '
#     k56: ' both '
#     k57: two  spaces
#     k58: "tab\there"
#     k59: "end\t"
#     k60: "\tstart"
# ---

# %%
x = 1
