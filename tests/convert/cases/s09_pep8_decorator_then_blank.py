# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %%
x = 1


# %%
@dec

def g(): pass


# %%

@d


class C: pass
