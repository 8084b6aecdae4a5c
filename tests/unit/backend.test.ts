import { describe, expect, it } from 'vitest';
import { backendOrder, isSoftwareRenderer } from '../../models/face/backend';

describe('backendOrder', () => {
  it('uses WebGL only on a real GPU', () => {
    expect(backendOrder('auto', 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)')).toEqual([
      'webgl',
      'wasm',
      'cpu',
    ]);
    expect(
      backendOrder('auto', 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)'),
    ).toEqual(['wasm', 'cpu']);
    expect(backendOrder('auto', 'llvmpipe (LLVM 15.0.6, 256 bits)')).toEqual(['wasm', 'cpu']);
    expect(backendOrder('auto', null)).toEqual(['wasm', 'cpu']);
  });

  it('tries a named backend alone', () => {
    expect(backendOrder('cpu', 'NVIDIA')).toEqual(['cpu']);
  });

  it('recognises software renderers', () => {
    expect(isSoftwareRenderer('Google SwiftShader')).toBe(true);
    expect(isSoftwareRenderer('Apple M2')).toBe(false);
  });
});
