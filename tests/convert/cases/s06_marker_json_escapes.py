# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% u="caf\u00e9 \"q\" \\ \n" ctl="\u0001\u001f\u007f\t\r\b\f" slash="a/b" astral="\ud83d\ude00" bmp="\u2603\uffff" nul="a\u0000b" nel="\u0085\u2028"
x = 1
