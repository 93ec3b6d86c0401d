# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% a=1e-07 b=2.0 c=1e+16 d=1.5 e=0.1 f=1e+22 g=123456789.123 h=-0.0 i=10000000000000000000000000 j=-100000000000000000000 k=1e-05 l=1000000000000000.0 m=0.0001 n=5e-324
x = 1
