#!/usr/bin/env python3
# Makes a project to look at the cleansing view with (for screenshots):
#   tools/make-cleanse-demo.py build/cairn DIR
# 240 classified documents with 12% of their labels flipped and a model's probabilities that
# know the truth, two photos with a detector's boxes, a tiny box, one outside the image and a
# doubled one for the rule checks. The same seed gives the same project.
import json, math, os, random, subprocess, sys

cairn, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
rng = random.Random(4)
classes = ['invoice', 'receipt', 'letter', 'contract']
words = {'invoice': 'amount due net 30 invoice number', 'receipt': 'paid cash change thank you receipt',
         'letter': 'dear sincerely regards yours letter', 'contract': 'party agrees term clause contract'}
with open(f'{out}/docs.jsonl', 'w') as docs, open(f'{out}/probs.csv', 'w') as probs:
    probs.write('item,' + ','.join(classes) + '\n')
    for i in range(240):
        truth = rng.randrange(4)
        given = truth if rng.random() >= 0.12 else (truth + rng.randrange(1, 4)) % 4
        text = f'Document {i + 1}: ' + ' '.join(rng.sample(words[classes[truth]].split(), 3))
        docs.write(json.dumps({'text': text, 'label': [classes[given]]}) + '\n')
        e = [math.exp(rng.gauss(0, 1) + (3.0 if c == truth else 0)) for c in range(4)]
        probs.write(f'{i + 1},' + ','.join(f'{v / sum(e):.6f}' for v in e) + '\n')
boxes = [(1, 1, [100, 120, 160, 90]), (1, 1, [300, 200, 60, 150]), (1, 2, [500, 100, 2, 3]),
         (1, 1, [600, 400, 80, 100]), (2, 2, [50, 60, 40, 120]), (2, 2, [51, 60, 40, 120]),
         (2, 1, [400, 300, 120, 70])]
json.dump({'images': [{'id': 1, 'file_name': 'street.jpg', 'width': 640, 'height': 480},
                      {'id': 2, 'file_name': 'park.jpg', 'width': 640, 'height': 480}],
           'categories': [{'id': 1, 'name': 'car'}, {'id': 2, 'name': 'person'}],
           'annotations': [{'id': i + 1, 'image_id': im, 'category_id': c, 'bbox': b}
                           for i, (im, c, b) in enumerate(boxes)]},
          open(f'{out}/coco.json', 'w'))
with open(f'{out}/boxes.jsonl', 'w') as f:
    f.write(json.dumps({'item': 'street.jpg', 'annotations': [
        {'label': 'car', 'bbox': [101, 121, 158, 90], 'score': 0.93},
        {'label': 'person', 'bbox': [302, 198, 58, 150], 'score': 0.88}]}) + '\n')
    f.write(json.dumps({'item': 'park.jpg', 'annotations': [
        {'label': 'person', 'bbox': [50, 61, 40, 118], 'score': 0.9},
        {'label': 'car', 'bbox': [402, 300, 118, 70], 'score': 0.95}]}) + '\n')
project = f'{out}/demo.cairn'
for args in (['init', project, '--name', 'Documents'],
             ['import', project, '--format', 'jsonl', f'{out}/docs.jsonl', '--annotator', 'mina'],
             ['import', project, '--format', 'coco', f'{out}/coco.json', '--annotator', 'mina'],
             ['predictions', project, 'import', f'{out}/probs.csv', '--model', 'doc-bert'],
             ['predictions', project, 'import', f'{out}/boxes.jsonl', '--model', 'detector']):
    subprocess.run([cairn] + args, check=True)
