/** Real-scale specs of issue 14, shared by the specFile, preview and CLI tests. */

/** Pytorch-UNet's last up-convolution on a 959×640 image padded to 960×640: 1×128×480×320 → 1×64×960×640. */
export const UNET_960 = JSON.stringify({
  input: { shape: [1, 128, 480, 320] },
  layers: [{ name: 'up1', outChannels: 64, kernelSize: 2, stride: 2 }],
  verify: ['adjoint', 'roundTrip'],
});

/** StyleGAN2's upsampling ConvTranspose2d(64 → 32, kernel 3, stride 2) to 1024 px. */
export const STYLEGAN2_1024 = JSON.stringify({
  input: { shape: [1, 64, 512, 512] },
  layers: [{ name: 'up1024', outChannels: 32, kernelSize: 3, stride: 2, padding: 1, outputPadding: 1 }],
});
