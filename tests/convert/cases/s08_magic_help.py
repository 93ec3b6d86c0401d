# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %%
# obj.method??
# ?obj
# print(x)?
'what?'
# # why?
# x?
x ? 
a b?
# ?
??x
  # obj?
# # ?obj
# ?\x
# ? $x
# ?~
?1
