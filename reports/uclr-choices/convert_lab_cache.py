#!/usr/bin/env python3
"""convert_lab_cache.py LAB_FILE OUT_DIR DESCRIPTION: a uclr-lab stage-1 cache entry (gzip DataOutputStream:
UTF description, then int-length big-endian float arrays users, items[, bias, offsets]) as an entry of the
uclr2 PretrainedCache: pge-<sha256(description)[:16]>.safetensors (uclr/pge/users, uclr/pge/items) + .txt."""
import gzip, hashlib, json, struct, sys, array
lab, out, desc = sys.argv[1], sys.argv[2], sys.argv[3]
f = gzip.open(lab, 'rb')
n = struct.unpack('>H', f.read(2))[0]; print('lab description:', f.read(n).decode())
def floats():
    k = struct.unpack('>i', f.read(4))[0]
    a = array.array('f'); a.frombytes(f.read(4 * k)); a.byteswap(); return a
users, items = floats(), floats()
m = 128
tensors = [('uclr/pge/users', users, [len(users) // m, m]), ('uclr/pge/items', items, [len(items) // m, m])]
header, off = {}, 0
for name, a, shape in tensors:
    header[name] = {'dtype': 'F32', 'shape': shape, 'data_offsets': [off, off + 4 * len(a)]}; off += 4 * len(a)
h = json.dumps(header, separators=(',', ':')).encode()
h += b' ' * ((8 - len(h) % 8) % 8)
name = 'pge-' + hashlib.sha256(desc.encode()).hexdigest()[:16]
with open(f'{out}/{name}.safetensors', 'wb') as o:
    o.write(struct.pack('<Q', len(h))); o.write(h)
    for _, a, _ in tensors: o.write(a.tobytes())
open(f'{out}/{name}.txt', 'w').write(desc)
print('wrote', name, [t[2] for t in tensors])
