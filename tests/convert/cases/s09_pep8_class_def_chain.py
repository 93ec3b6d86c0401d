# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %%
class A:
    x = 1
    def m(self):
        return 2


# %%
class B(A):
    pass


# %%
b = B()
