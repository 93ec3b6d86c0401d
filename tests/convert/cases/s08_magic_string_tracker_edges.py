# ---
# jupyter:
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
