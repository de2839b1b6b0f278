import gradio as gr


def transcribe(audio):
    return "text"


simple = gr.Interface(fn=transcribe,
                      inputs=gr.Audio(type="filepath"),
                      outputs="text")
simple.launch(server_name="0.0.0.0")
