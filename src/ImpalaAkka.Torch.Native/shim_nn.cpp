// Neural-network primitives that are single libtorch kernels.
#include "shim.h"

IA_EXPORT ia_tensor ia_nn_linear(ia_tensor input, ia_tensor weight, ia_tensor bias) {
  IA_GUARD(nullptr, {
    c10::optional<torch::Tensor> b = bias != nullptr ? c10::optional<torch::Tensor>(*bias) : c10::nullopt;
    return ia::wrap(at::linear(IA_T(input), IA_T(weight), b));
  })
}

IA_EXPORT ia_tensor ia_nn_conv2d(ia_tensor input, ia_tensor weight, ia_tensor bias, int64_t stride_h,
                                 int64_t stride_w, int64_t padding_h, int64_t padding_w) {
  IA_GUARD(nullptr, {
    c10::optional<torch::Tensor> b = bias != nullptr ? c10::optional<torch::Tensor>(*bias) : c10::nullopt;
    return ia::wrap(at::conv2d(IA_T(input), IA_T(weight), b, {stride_h, stride_w}, {padding_h, padding_w}));
  })
}
