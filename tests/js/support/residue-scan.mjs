// Looks for what a page still holds: a V8 heap snapshot taken over CDP (after the full
// garbage collection the snapshot makes), searched for given strings, with the path
// that keeps each one alive; and every WebAssembly memory the page instantiated,
// searched byte by byte for given strings and byte runs.

/**
 * An init script: remembers the memory of every WebAssembly instance the page creates
 * (the viewer core's included), so a test can read all of it later. It holds only the
 * Memory objects, never a copy of their bytes.
 */
export function captureWasmMemories() {
  const memories = [];
  const remember = (instance) => {
    for (const value of Object.values(instance.exports)) {
      if (value instanceof WebAssembly.Memory && !memories.includes(value)) memories.push(value);
    }
  };
  const nativeInstantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = function instantiate(...args) {
    return nativeInstantiate.apply(this, args).then((result) => {
      remember(result.instance ?? result);
      return result;
    });
  };
  const nativeInstantiateStreaming = WebAssembly.instantiateStreaming;
  if (nativeInstantiateStreaming) {
    WebAssembly.instantiateStreaming = function instantiateStreaming(...args) {
      return nativeInstantiateStreaming.apply(this, args).then((result) => {
        remember(result.instance);
        return result;
      });
    };
  }

  /**
   * For each needle (an array of byte values), how often it occurs in the memories and
   * at which offsets (the first few). Searches with indexOf on the first byte, so no
   * string holding the memory's contents is ever made in the page.
   */
  window.scanWasmMemories = (needles) => {
    const found = needles.map(() => ({ count: 0, offsets: [] }));
    for (const memory of memories) {
      const bytes = new Uint8Array(memory.buffer);
      needles.forEach((needle, index) => {
        for (let at = bytes.indexOf(needle[0]); at !== -1; at = bytes.indexOf(needle[0], at + 1)) {
          let k = 1;
          while (k < needle.length && bytes[at + k] === needle[k]) k += 1;
          if (k === needle.length) {
            found[index].count += 1;
            if (found[index].offsets.length < 5) found[index].offsets.push(at);
          }
        }
      });
    }
    return { memories: memories.length, bytesScanned: memories.reduce((sum, m) => sum + m.buffer.byteLength, 0), found };
  };
}

/** The ASCII bytes of a string, as scanWasmMemories takes them. */
export const asciiBytes = (text) => [...Buffer.from(text, 'latin1')];

/**
 * Takes a heap snapshot of the page and returns, for each needle, the strings of the
 * snapshot that contain it, with a retaining path for each (shortest, by breadth-first
 * search from the string towards a GC root).
 * @param {import('playwright-core').Page} page
 * @param {string[]} needles
 */
export async function findInHeapSnapshot(page, needles) {
  const cdp = await page.context().newCDPSession(page);
  const parts = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => parts.push(chunk));
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    await cdp.send('HeapProfiler.disable');
  } finally {
    await cdp.detach();
  }
  const snapshot = JSON.parse(parts.join(''));
  const graph = readGraph(snapshot);
  return needles.map((needle) => {
    const stringIndexes = [];
    snapshot.strings.forEach((text, index) => {
      if (text.includes(needle)) stringIndexes.push(index);
    });
    const holders = graph.nodesNamed(new Set(stringIndexes));
    return {
      needle,
      strings: stringIndexes.length,
      retainers: holders.slice(0, 3).map((node) => graph.retainingPath(node)),
    };
  });
}

function readGraph(snapshot) {
  const { meta } = snapshot.snapshot;
  const nodeFieldCount = meta.node_fields.length;
  const edgeFieldCount = meta.edge_fields.length;
  const nodeTypes = meta.node_types[meta.node_fields.indexOf('type')];
  const edgeTypes = meta.edge_types[meta.edge_fields.indexOf('type')];
  const typeOffset = meta.node_fields.indexOf('type');
  const nameOffset = meta.node_fields.indexOf('name');
  const edgeCountOffset = meta.node_fields.indexOf('edge_count');
  const edgeTypeOffset = meta.edge_fields.indexOf('type');
  const edgeNameOffset = meta.edge_fields.indexOf('name_or_index');
  const edgeToOffset = meta.edge_fields.indexOf('to_node');
  const { nodes, edges, strings } = snapshot;
  const nodeCount = nodes.length / nodeFieldCount;

  // Reverse edges: for each node, the (from node, edge) pairs that point at it.
  const retainers = Array.from({ length: nodeCount }, () => []);
  let edgeIndex = 0;
  for (let node = 0; node < nodeCount; node += 1) {
    const count = nodes[node * nodeFieldCount + edgeCountOffset];
    for (let i = 0; i < count; i += 1, edgeIndex += edgeFieldCount) {
      const type = edgeTypes[edges[edgeIndex + edgeTypeOffset]];
      if (type === 'weak') continue; // a weak reference keeps nothing alive
      const to = edges[edgeIndex + edgeToOffset] / nodeFieldCount;
      retainers[to].push({ from: node, edgeIndex });
    }
  }
  const describeNode = (node) => {
    const type = nodeTypes[nodes[node * nodeFieldCount + typeOffset]];
    const name = strings[nodes[node * nodeFieldCount + nameOffset]];
    return `${type}:${String(name).slice(0, 60)}`;
  };
  const describeEdge = (edgeIndexValue) => {
    const type = edgeTypes[edges[edgeIndexValue + edgeTypeOffset]];
    const nameOrIndex = edges[edgeIndexValue + edgeNameOffset];
    return type === 'element' || type === 'hidden' ? `[${nameOrIndex}]` : String(strings[nameOrIndex]).slice(0, 40);
  };
  return {
    nodesNamed(stringIndexes) {
      const found = [];
      for (let node = 0; node < nodeCount; node += 1) {
        if (stringIndexes.has(nodes[node * nodeFieldCount + nameOffset])) found.push(node);
      }
      return found;
    },
    retainingPath(start) {
      // Breadth-first towards the root (node 0), so the path shown is a shortest one.
      const cameFrom = new Map([[start, null]]);
      const queue = [start];
      for (let head = 0; head < queue.length; head += 1) {
        const node = queue[head];
        if (node === 0) break;
        for (const { from, edgeIndex: via } of retainers[node]) {
          if (cameFrom.has(from)) continue;
          cameFrom.set(from, { to: node, via });
          queue.push(from);
        }
      }
      const steps = [describeNode(start)];
      let node = cameFrom.has(0) ? 0 : null;
      const chain = [];
      while (node !== null && node !== start) {
        const step = cameFrom.get(node);
        chain.push(`${describeEdge(step.via)} of ${describeNode(node)}`);
        node = step.to;
      }
      steps.push(...chain.reverse());
      if (!cameFrom.has(0)) steps.push('(no path to the root found)');
      return steps.join(' ← ');
    },
  };
}
