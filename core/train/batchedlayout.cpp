#include "batchedlayout.h"

namespace seedscape {

namespace {

int64_t roundUp(int64_t value, int64_t multiple)
{
    return (value + multiple - 1) / multiple * multiple;
}

// 1 × 1 × padded: `inside` on the first `real` entries, `outside` on the padding.
torch::Tensor padMask(int64_t real, int64_t padded, float inside, float outside)
{
    torch::Tensor mask = torch::full({1, 1, padded}, outside);
    mask.narrow(2, 0, real).fill_(inside);
    return mask;
}

} // namespace

BatchedLayout::BatchedLayout(int64_t inputs, const ModelSpec& model, int outputs)
{
    std::vector<int> widths = model.hidden;
    widths.push_back(outputs);
    int64_t paddedIn = inputs;
    int64_t offset = 0;
    for (size_t l = 0; l < widths.size(); ++l) {
        Layer layer;
        layer.inputs = inputs;
        layer.paddedIn = paddedIn;
        layer.outputs = widths[l];
        layer.paddedOut = roundUp(widths[l], kLaneAlignment);
        layer.weight = offset;
        offset += layer.paddedIn * layer.paddedOut;
        layer.bias = offset;
        offset += layer.paddedOut;
        const bool hidden = l + 1 < widths.size();
        if (hidden && model.layerNorm) {
            layer.normWeight = offset;
            offset += layer.paddedOut;
            layer.normBias = offset;
            offset += layer.paddedOut;
        }
        if (hidden)
            hiddenMasks.push_back(padMask(layer.outputs, layer.paddedOut, 1.0f, 0.0f));
        layers.push_back(layer);
        inputs = layer.outputs;
        paddedIn = layer.paddedOut;
    }
    for (const Layer& layer : layers) {
        blocks.push_back({layer.weight, layer.paddedIn * layer.paddedOut});
        blocks.push_back({layer.bias, layer.paddedOut});
        if (layer.normWeight >= 0) {
            blocks.push_back({layer.normWeight, layer.paddedOut});
            blocks.push_back({layer.normBias, layer.paddedOut});
        }
    }
    perSeed = offset;
    const Layer& last = layers.back();
    outputMask = padMask(last.outputs, last.paddedOut, 1.0f, 0.0f);
    outputLogitMask = padMask(last.outputs, last.paddedOut, 0.0f, kMaskedLogit);
}

void BatchedLayout::moveTo(const torch::Device& device)
{
    outputMask = outputMask.to(device);
    outputLogitMask = outputLogitMask.to(device);
    for (torch::Tensor& mask : hiddenMasks)
        mask = mask.to(device);
}

} // namespace seedscape
