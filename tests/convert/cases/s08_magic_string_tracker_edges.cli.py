# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.5.dev0
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %%
a = 'x\'
# ls
b = '\\'
# ls

# %%
c = """
ls
# not a comment """
# ls

# %%
d = ''
# ls
e = ''''
ls
'''
# cd

# %%
# it's a comment
# ls
f = 1 # it's
# ls

# %%
g = '''
x = """
ls
'''
# ls

# %%
h = "a#b"
# ls
i = '#'; '''
ls
'''
# !ls
